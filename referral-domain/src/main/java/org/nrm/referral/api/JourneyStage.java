package org.nrm.referral.api;

/** A stage of the person's journey: HTCDS 2.0's {@code hte_Type} (Recruitment / Transit / Exploitation). */
public enum JourneyStage { RECRUITMENT, TRANSIT, EXPLOITATION }

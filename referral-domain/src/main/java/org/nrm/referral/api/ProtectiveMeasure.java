package org.nrm.referral.api;

/** Protective measures for the person as a witness (CETS 197 Art.28 and 30). */
public enum ProtectiveMeasure {
    ANONYMITY, SCREENED_TESTIMONY, VIDEO_TESTIMONY, PRE_RECORDED_EVIDENCE, CLOSED_HEARING, POLICE_PROTECTION,
    RELOCATION, IDENTITY_CHANGE, OTHER
}

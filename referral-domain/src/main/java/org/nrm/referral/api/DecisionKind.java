package org.nrm.referral.api;

/** Which identification decision a reconsideration concerns. */
public enum DecisionKind { REASONABLE_GROUNDS, CONCLUSIVE_GROUNDS }

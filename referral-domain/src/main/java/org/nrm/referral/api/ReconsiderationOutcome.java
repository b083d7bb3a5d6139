package org.nrm.referral.api;

/** Outcome of a reconsideration: the decision stands, or it is reversed. */
public enum ReconsiderationOutcome { UPHELD, OVERTURNED }

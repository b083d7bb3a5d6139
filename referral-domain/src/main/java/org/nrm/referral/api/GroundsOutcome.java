package org.nrm.referral.api;

/** Outcome of a reasonable-grounds or conclusive-grounds decision. */
public enum GroundsOutcome { POSITIVE, NEGATIVE }

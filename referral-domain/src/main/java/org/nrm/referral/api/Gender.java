package org.nrm.referral.api;

/** Gender as recorded by the referring organisation (HTCDS v2.0 vocabulary). */
public enum Gender { FEMALE, MALE, TRANSGENDER, OTHER, UNKNOWN }

package org.nrm.referral.api;

/** Age group at referral, the non-personal fact that statistics and pathways use. */
public enum AgeGroup { CHILD, ADULT, UNKNOWN }

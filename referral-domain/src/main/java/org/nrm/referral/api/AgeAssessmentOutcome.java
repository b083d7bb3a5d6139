package org.nrm.referral.api;

/** Outcome of an age assessment of a person whose age was uncertain. */
public enum AgeAssessmentOutcome { CHILD, ADULT }

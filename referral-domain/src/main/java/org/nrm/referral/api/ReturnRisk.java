package org.nrm.referral.api;

/** Risk of return to the country of origin; HIGH blocks departure. */
public enum ReturnRisk { LOW, MEDIUM, HIGH }

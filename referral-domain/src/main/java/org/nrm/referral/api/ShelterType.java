package org.nrm.referral.api;

/** Who a shelter is for. */
public enum ShelterType { ADULT_WOMEN, ADULT_MEN, CHILDREN, FAMILIES }

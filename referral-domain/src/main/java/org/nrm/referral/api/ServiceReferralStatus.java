package org.nrm.referral.api;

/** Where a service referral stands: sent to the provider, accepted or declined by it, delivered, closed. */
public enum ServiceReferralStatus { REFERRED, ACCEPTED, DECLINED, DELIVERED, CLOSED }

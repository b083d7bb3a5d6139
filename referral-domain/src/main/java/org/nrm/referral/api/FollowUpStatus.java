package org.nrm.referral.api;

/** How a returned person's reintegration is going. */
public enum FollowUpStatus { ON_TRACK, AT_RISK, LOST_CONTACT }

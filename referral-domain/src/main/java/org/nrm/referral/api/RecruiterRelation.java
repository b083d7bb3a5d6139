package org.nrm.referral.api;

/**
 * The person's relationship to the recruiter: CTDC's {@code recruiterRelation*} columns (IntimatePartner, Friend,
 * Family, Other, Unknown), with {@code STRANGER} for HTCDS 2.0's {@code vic_RelationshipToTrafficker} value
 * {@code Unaquainted} (the standard's spelling; its other values are Familial and Acquainted).
 */
public enum RecruiterRelation { INTIMATE_PARTNER, FRIEND, FAMILY_MEMBER, STRANGER, OTHER, UNKNOWN }

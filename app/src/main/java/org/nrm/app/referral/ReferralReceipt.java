package org.nrm.app.referral;

/** The answer to a referral: the new case's id and its human-readable reference. */
public record ReferralReceipt(String caseId, String reference, String stage) {
}

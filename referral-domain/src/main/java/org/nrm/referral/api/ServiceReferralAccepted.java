package org.nrm.referral.api;

import java.time.Instant;

/** The provider accepted the referral. */
public record ServiceReferralAccepted(String planId, String caseId, String referralId, SupportNeed need,
                                      Instant acceptedAt) {
}

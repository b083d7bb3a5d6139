package org.nrm.referral.api;

import java.time.Instant;

/** The provider declined the referral, with its reason (sealed with the person's key). */
public record ServiceReferralDeclined(String planId, String caseId, String referralId, SupportNeed need,
                                      PersonalText reason, Instant declinedAt) {
}

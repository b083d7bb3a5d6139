package org.nrm.referral.api;

import java.time.Instant;

/** The provider closed the referral; {@code delivered}: whether the service had been delivered. */
public record ServiceReferralClosed(String planId, String caseId, String referralId, SupportNeed need,
                                    boolean delivered, PersonalText notes, Instant closedAt) {
}

package org.nrm.referral.api;

import java.time.Instant;

/** The provider delivered the service of the referral. */
public record ServiceDelivered(String planId, String caseId, String referralId, SupportNeed need, PersonalText notes,
                               Instant deliveredAt) {
}

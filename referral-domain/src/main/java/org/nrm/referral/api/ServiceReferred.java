package org.nrm.referral.api;

import java.time.Instant;

/**
 * A need was referred to a provider (its id in the jurisdiction's directory, and the agency acting for it).
 * {@code sharesPersonalData}: the person's consent covered the provider when it was referred; {@code note} is
 * carried only then.
 */
public record ServiceReferred(String planId, String caseId, String referralId, SupportNeed need, String providerId,
                              String providerAgency, boolean child, boolean sharesPersonalData, PersonalText note,
                              Instant referredAt) {
}

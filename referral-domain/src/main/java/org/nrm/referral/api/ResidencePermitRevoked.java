package org.nrm.referral.api;

import java.time.Instant;

/** The residence permit was revoked. */
public record ResidencePermitRevoked(String applicationId, String caseId, PersonalText reasons, Instant revokedAt) {
}

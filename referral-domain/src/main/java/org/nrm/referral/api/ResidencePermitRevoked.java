package org.nrm.referral.api;

import java.time.Instant;

/** The residence permit was revoked; {@code reasons} is personal data. */
public record ResidencePermitRevoked(String applicationId, String caseId, PersonalText reasons, Instant revokedAt) {
}

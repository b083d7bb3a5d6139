package org.nrm.referral.api;

import java.time.Instant;

/** The residence permit's validity ended. */
public record ResidencePermitExpired(String applicationId, String caseId, Instant expiredAt) {
}

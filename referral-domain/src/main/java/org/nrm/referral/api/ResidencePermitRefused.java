package org.nrm.referral.api;

import java.time.Instant;

/** The residence permit was refused. */
public record ResidencePermitRefused(String applicationId, String caseId, PersonalText reasons, Instant refusedAt) {
}

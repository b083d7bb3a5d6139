package org.nrm.referral.api;

import java.time.Instant;

/** The residence permit was granted. */
public record ResidencePermitGranted(String applicationId, String caseId, PermitGround ground, Instant validUntil, Instant grantedAt, Instant reminderAt) {
}

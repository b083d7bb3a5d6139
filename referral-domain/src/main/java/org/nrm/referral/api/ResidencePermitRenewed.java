package org.nrm.referral.api;

import java.time.Instant;

/** The residence permit was renewed. */
public record ResidencePermitRenewed(String applicationId, String caseId, Instant validUntil, Instant renewedAt, Instant reminderAt) {
}

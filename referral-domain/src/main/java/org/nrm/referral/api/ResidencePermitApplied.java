package org.nrm.referral.api;

import java.time.Instant;

/** A residence permit was applied for. */
public record ResidencePermitApplied(String applicationId, String caseId, Instant appliedAt) {
}

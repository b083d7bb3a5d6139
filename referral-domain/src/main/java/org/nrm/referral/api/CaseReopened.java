package org.nrm.referral.api;

import java.time.Instant;

/** The case was reopened and stands again where it stood before closure. */
public record CaseReopened(String caseId, String reason, CaseStage stage, Instant reopenedAt) {
}

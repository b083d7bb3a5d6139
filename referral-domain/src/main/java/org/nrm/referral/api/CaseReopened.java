package org.nrm.referral.api;

import java.time.Instant;

/** The case was reopened and stands again where it stood before closure. */
public record CaseReopened(String caseId, PersonalText reason, CaseStage stage, Instant reopenedAt) {
}

package org.nrm.referral.api;

import java.time.Instant;

/** The voluntary return was abandoned. */
public record VoluntaryReturnAbandoned(String returnId, String caseId, PersonalText reason, Instant abandonedAt) {
}

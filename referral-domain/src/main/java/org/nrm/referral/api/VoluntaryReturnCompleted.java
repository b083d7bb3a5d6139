package org.nrm.referral.api;

import java.time.Instant;

/** The voluntary return is complete. */
public record VoluntaryReturnCompleted(String returnId, String caseId, Instant completedAt) {
}

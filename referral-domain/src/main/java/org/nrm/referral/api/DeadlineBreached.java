package org.nrm.referral.api;

import java.time.Instant;

/** A statutory deadline passed with the task still open. */
public record DeadlineBreached(String caseId, String taskKey, Instant dueAt, Instant recordedAt) {
}

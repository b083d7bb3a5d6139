package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The mechanism records that a task's statutory deadline passed with the task still open. */
public record RecordDeadlineBreach(@TargetAggregateIdentifier String caseId, String taskKey, java.time.Instant dueAt) {
}

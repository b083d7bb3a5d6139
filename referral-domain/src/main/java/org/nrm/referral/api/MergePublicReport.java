package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Triage finds the report to be a duplicate of an earlier one ({@code duplicateOf}, its report id). */
public record MergePublicReport(@TargetAggregateIdentifier String reportId, String duplicateOf) {
}

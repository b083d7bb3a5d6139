package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Triage dismisses a report, giving the reason. */
public record DismissPublicReport(@TargetAggregateIdentifier String reportId, String reason) {
}

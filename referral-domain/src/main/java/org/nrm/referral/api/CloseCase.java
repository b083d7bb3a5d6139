package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The case owner closes the case, with a category and the reason. */
public record CloseCase(@TargetAggregateIdentifier String caseId, ClosureCategory category, String reason) {
}

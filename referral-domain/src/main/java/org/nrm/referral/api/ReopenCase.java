package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A closed case is reopened, with the reason. */
public record ReopenCase(@TargetAggregateIdentifier String caseId, String reason) {
}

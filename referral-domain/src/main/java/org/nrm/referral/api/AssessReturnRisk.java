package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The return organisation assesses the risk of return. */
public record AssessReturnRisk(@TargetAggregateIdentifier String returnId, ReturnRisk risk, String notes) {
}

package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The recovery and reflection period is extended, with a recorded reason. */
public record ExtendRecoveryPeriod(@TargetAggregateIdentifier String caseId, int days, String reason) {
}

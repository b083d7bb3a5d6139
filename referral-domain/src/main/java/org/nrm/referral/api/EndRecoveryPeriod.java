package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The mechanism ends the recovery period once it has run its course. */
public record EndRecoveryPeriod(@TargetAggregateIdentifier String caseId) {
}

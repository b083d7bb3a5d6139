package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Child services appoint a guardian for a child. */
public record AppointGuardian(@TargetAggregateIdentifier String caseId, GuardianDetails guardian) {
}

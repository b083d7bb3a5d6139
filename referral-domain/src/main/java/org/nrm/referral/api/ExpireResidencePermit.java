package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The mechanism records that a permit's validity ended. */
public record ExpireResidencePermit(@TargetAggregateIdentifier String applicationId) {
}

package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The immigration service refuses the permit, with reasons. */
public record RefuseResidencePermit(@TargetAggregateIdentifier String applicationId, String reasons) {
}

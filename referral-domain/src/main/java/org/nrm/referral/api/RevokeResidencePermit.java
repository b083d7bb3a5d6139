package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A granted permit is revoked, with reasons. */
public record RevokeResidencePermit(@TargetAggregateIdentifier String applicationId, String reasons) {
}

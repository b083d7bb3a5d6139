package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The immigration service grants the permit on a ground, valid until a date. */
public record GrantResidencePermit(@TargetAggregateIdentifier String applicationId, PermitGround ground, java.time.Instant validUntil) {
}

package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A granted permit is renewed until a later date. */
public record RenewResidencePermit(@TargetAggregateIdentifier String applicationId, java.time.Instant validUntil) {
}

package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A granted permit is revoked, with reasons (personal data). */
public record RevokeResidencePermit(@TargetAggregateIdentifier String applicationId, PersonalText reasons) {
}

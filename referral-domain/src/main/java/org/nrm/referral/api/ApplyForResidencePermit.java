package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A residence permit is applied for on behalf of a foreign victim. */
public record ApplyForResidencePermit(@TargetAggregateIdentifier String applicationId, String caseId) {
}

package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The referring agency records its screening (trafficking or smuggling) with the referral. */
public record RecordScreening(@TargetAggregateIdentifier String caseId, Screening screening) {
}

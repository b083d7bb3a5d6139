package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The person declines the accommodation offered to them. */
public record DeclineAccommodation(@TargetAggregateIdentifier String caseId) {
}

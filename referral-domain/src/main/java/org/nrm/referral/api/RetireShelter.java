package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator retires an empty shelter: it takes no one any more. */
public record RetireShelter(@TargetAggregateIdentifier String shelterId, PersonalText reason) {
}

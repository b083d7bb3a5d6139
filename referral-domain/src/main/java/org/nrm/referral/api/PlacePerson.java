package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A person is placed in the shelter; refused when every bed is taken (the case waits). */
public record PlacePerson(@TargetAggregateIdentifier String shelterId, String caseId) {
}

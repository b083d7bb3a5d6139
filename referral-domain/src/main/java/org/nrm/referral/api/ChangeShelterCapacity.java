package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The shelter's bed capacity changes (never below the beds in use). */
public record ChangeShelterCapacity(@TargetAggregateIdentifier String shelterId, int capacity) {
}

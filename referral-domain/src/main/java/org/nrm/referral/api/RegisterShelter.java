package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The shelter provider registers a shelter with its type and bed capacity. */
public record RegisterShelter(@TargetAggregateIdentifier String shelterId, String name, ShelterType type, int capacity) {
}

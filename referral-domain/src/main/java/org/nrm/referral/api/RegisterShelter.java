package org.nrm.referral.api;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An administrator registers a shelter: its type, bed capacity, the groups it may take (empty: the type's own group)
 * and its address (secret: kept as personal-grade data, encrypted).
 */
public record RegisterShelter(@TargetAggregateIdentifier String shelterId, String name, ShelterType type, int capacity,
                              Set<ShelterGroup> groups, PersonalText address) {

    public RegisterShelter(String shelterId, String name, ShelterType type, int capacity) {
        this(shelterId, name, type, capacity, null, null);
    }
}

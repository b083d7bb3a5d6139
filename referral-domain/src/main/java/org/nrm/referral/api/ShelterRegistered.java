package org.nrm.referral.api;

import java.time.Instant;
import java.util.Set;

/** A shelter was registered. {@code groups} null in events recorded before groups existed: the type's own group. */
public record ShelterRegistered(String shelterId, String name, ShelterType type, int capacity, Set<ShelterGroup> groups,
                                PersonalText address, Instant registeredAt) {

    public ShelterRegistered(String shelterId, String name, ShelterType type, int capacity, Instant registeredAt) {
        this(shelterId, name, type, capacity, null, null, registeredAt);
    }
}

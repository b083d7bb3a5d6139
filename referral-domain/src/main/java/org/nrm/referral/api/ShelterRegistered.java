package org.nrm.referral.api;

import java.time.Instant;

/** A shelter was registered. */
public record ShelterRegistered(String shelterId, String name, ShelterType type, int capacity, Instant registeredAt) {
}

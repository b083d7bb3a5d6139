package org.nrm.referral.api;

import java.time.Instant;

/** The shelter's bed capacity changed. */
public record ShelterCapacityChanged(String shelterId, int capacity, Instant changedAt) {
}

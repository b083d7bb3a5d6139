package org.nrm.referral.api;

import java.time.Instant;
import java.util.Set;

/** A shelter's name, groups or address changed (each field null when it did not change). */
public record ShelterChanged(String shelterId, String name, Set<ShelterGroup> groups, PersonalText address,
                             Instant changedAt) {
}

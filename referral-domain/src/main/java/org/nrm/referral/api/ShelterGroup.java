package org.nrm.referral.api;

import java.util.EnumSet;
import java.util.Set;

/** A group of people a shelter may take in. */
public enum ShelterGroup {
    ADULT_WOMEN, ADULT_MEN, CHILDREN, FAMILIES;

    /** The groups a shelter of {@code type} takes when none are named: its own group. */
    public static Set<ShelterGroup> defaultsFor(ShelterType type) {
        return EnumSet.of(valueOf(type.name()));
    }
}

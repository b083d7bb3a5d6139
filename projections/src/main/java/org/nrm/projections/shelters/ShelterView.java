package org.nrm.projections.shelters;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.nrm.referral.api.ShelterGroup;
import org.nrm.referral.api.ShelterType;

/** A shelter's beds (public contract fields, plus the groups it takes, whether it is retired, and the free beds). */
public record ShelterView(String shelterId, String name, String type, int capacity, int occupied, Set<ShelterGroup> groups,
                          boolean retired) {

    public int free() {
        return Math.max(0, capacity - occupied);
    }

    static Set<ShelterGroup> groups(String joined, String type) {
        if (joined == null || joined.isBlank()) {
            return ShelterGroup.defaultsFor(ShelterType.valueOf(type));
        }
        Set<ShelterGroup> groups = EnumSet.noneOf(ShelterGroup.class);
        Arrays.stream(joined.split(",")).map(ShelterGroup::valueOf).forEach(groups::add);
        return groups;
    }
}

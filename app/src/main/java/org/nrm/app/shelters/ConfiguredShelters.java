package org.nrm.app.shelters;

import java.util.List;
import java.util.Set;
import org.nrm.referral.api.ShelterGroup;
import org.nrm.referral.api.ShelterType;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shelters of the jurisdiction's configuration ({@code nrm.jurisdiction.shelters[...]}): registered at start when
 * they are not registered yet. Once registered, a shelter is managed through the administration API; its
 * configuration entry is not applied again (a restart changes nothing).
 */
@ConfigurationProperties("nrm.jurisdiction")
public record ConfiguredShelters(List<Entry> shelters) {

    public ConfiguredShelters {
        shelters = shelters == null ? List.of() : List.copyOf(shelters);
    }

    /** One configured shelter; {@code groups} empty: the type's own group. */
    public record Entry(String id, String name, ShelterType type, Integer capacity, Set<ShelterGroup> groups,
                        String address) {
    }
}

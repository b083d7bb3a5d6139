package org.nrm.referral.api;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator changes a shelter's name, groups or address; a null field stays as it is. */
public record ChangeShelter(@TargetAggregateIdentifier String shelterId, String name, Set<ShelterGroup> groups,
                            PersonalText address) {
}

package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A person is placed in the shelter; refused when every bed is taken (the case waits), when the shelter does not take
 * the person's group, or when a child would go to an adult shelter without an exception recorded by the
 * best-interests assessment ({@code childPlacementException}: its reason).
 */
public record PlacePerson(@TargetAggregateIdentifier String shelterId, String caseId, PlacementCandidate candidate,
                          PersonalText childPlacementException) {
}

package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A person leaves the shelter (moved out, transferred, returned, integrated, case closed); {@code note} optional. */
public record EndPlacement(@TargetAggregateIdentifier String shelterId, String caseId, PlacementEndReason reason,
                           PersonalText note) {
}

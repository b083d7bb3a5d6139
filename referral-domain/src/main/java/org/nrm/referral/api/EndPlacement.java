package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A person leaves the shelter (exit, or a move to another shelter). */
public record EndPlacement(@TargetAggregateIdentifier String shelterId, String caseId, String reason) {
}

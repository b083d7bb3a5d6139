package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The mechanism ends the move-on support period after a conclusive decision. */
public record EndMoveOnSupport(@TargetAggregateIdentifier String caseId) {
}

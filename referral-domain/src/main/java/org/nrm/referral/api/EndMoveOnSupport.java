package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends the move-on support period. Without a reason it is the mechanism's timer at the period's end (nothing happens
 * before that end, or when the period is over); with a reason an agency ends it early (the person moved on).
 */
public record EndMoveOnSupport(@TargetAggregateIdentifier String caseId, PersonalText reason) {

    public static EndMoveOnSupport atPeriodEnd(String caseId) {
        return new EndMoveOnSupport(caseId, null);
    }
}

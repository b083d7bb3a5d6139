package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The return will not take place, with the reason. */
public record AbandonVoluntaryReturn(@TargetAggregateIdentifier String returnId, String reason) {
}

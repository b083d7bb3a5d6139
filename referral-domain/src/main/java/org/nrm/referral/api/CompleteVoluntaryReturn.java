package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The return and its follow-ups are complete. */
public record CompleteVoluntaryReturn(@TargetAggregateIdentifier String returnId) {
}

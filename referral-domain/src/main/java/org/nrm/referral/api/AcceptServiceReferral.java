package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider accepts a referral sent to it. */
public record AcceptServiceReferral(@TargetAggregateIdentifier String planId, String referralId) {
}

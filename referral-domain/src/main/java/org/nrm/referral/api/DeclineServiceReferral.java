package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider declines a referral sent to it, with a reason (personal data: it may say why about the person). */
public record DeclineServiceReferral(@TargetAggregateIdentifier String planId, String referralId, PersonalText reason) {
}

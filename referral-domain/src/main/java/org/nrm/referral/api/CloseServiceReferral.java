package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider closes an accepted (ended without delivery) or delivered referral, with optional notes. */
public record CloseServiceReferral(@TargetAggregateIdentifier String planId, String referralId, PersonalText notes) {
}

package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider records that it delivered the accepted service, with optional notes. */
public record RecordServiceDelivery(@TargetAggregateIdentifier String planId, String referralId, PersonalText notes) {
}

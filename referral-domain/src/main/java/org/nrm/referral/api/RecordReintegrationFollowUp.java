package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A follow-up of the returned person's reintegration. */
public record RecordReintegrationFollowUp(@TargetAggregateIdentifier String returnId, FollowUpStatus status, String notes) {
}

package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The person's cooperation with the investigation, as it now stands. */
public record RecordCooperation(@TargetAggregateIdentifier String caseId, CooperationStatus status) {
}

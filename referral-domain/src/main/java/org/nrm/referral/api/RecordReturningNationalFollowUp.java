package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A follow-up of a returned national's reintegration. */
public record RecordReturningNationalFollowUp(@TargetAggregateIdentifier String caseId, FollowUpStatus status,
                                              PersonalText notes) {
}

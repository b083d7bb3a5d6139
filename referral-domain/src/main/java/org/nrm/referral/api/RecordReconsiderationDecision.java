package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The competent authority upholds or overturns the decision under reconsideration. */
public record RecordReconsiderationDecision(@TargetAggregateIdentifier String caseId, ReconsiderationOutcome outcome, String reasons) {
}

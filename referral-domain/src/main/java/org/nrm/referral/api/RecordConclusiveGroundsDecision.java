package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The competent authority decides whether, on the balance of probabilities, the person is a victim. */
public record RecordConclusiveGroundsDecision(@TargetAggregateIdentifier String caseId, GroundsOutcome outcome, String reasons) {
}

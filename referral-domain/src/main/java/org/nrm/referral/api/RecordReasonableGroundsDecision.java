package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The competent authority decides whether there are reasonable grounds to believe the person is a victim. */
public record RecordReasonableGroundsDecision(@TargetAggregateIdentifier String caseId,
                                              GroundsOutcome outcome,
                                              String reasons) {
}

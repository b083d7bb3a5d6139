package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The durable solution is chosen (for a child, after a best-interests assessment). */
public record ChooseDurableSolution(@TargetAggregateIdentifier String caseId, DurableSolution solution, PersonalText bestInterestsAssessment) {
}

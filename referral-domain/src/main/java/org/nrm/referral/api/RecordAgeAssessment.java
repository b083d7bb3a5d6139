package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Child services record the outcome of an age assessment. */
public record RecordAgeAssessment(@TargetAggregateIdentifier String caseId, AgeAssessmentOutcome outcome) {
}

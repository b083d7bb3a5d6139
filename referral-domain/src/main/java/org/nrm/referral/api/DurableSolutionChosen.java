package org.nrm.referral.api;

import java.time.Instant;

/** The durable solution was chosen. */
public record DurableSolutionChosen(String caseId, DurableSolution solution, PersonalText bestInterestsAssessment, Instant chosenAt) {
}

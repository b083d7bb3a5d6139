package org.nrm.referral.api;

import java.time.Instant;

/** The age assessment's outcome: a CHILD keeps the child pathway, an ADULT leaves it. */
public record AgeAssessed(String caseId, AgeAssessmentOutcome outcome, Instant assessedAt) {
}

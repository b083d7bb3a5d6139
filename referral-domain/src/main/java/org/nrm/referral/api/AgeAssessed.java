package org.nrm.referral.api;

import java.time.Instant;

/**
 * The age assessment's outcome: a CHILD keeps the child pathway, an ADULT leaves it. An adult referred as a child
 * without consent must now consent to the referral ({@code consentRequired}): the case waits as a notification until
 * the referring agency records the consent.
 */
public record AgeAssessed(String caseId, AgeAssessmentOutcome outcome, Instant assessedAt, boolean consentRequired) {

    public AgeAssessed(String caseId, AgeAssessmentOutcome outcome, Instant assessedAt) {
        this(caseId, outcome, assessedAt, false);
    }
}

package org.nrm.referral.api;

import java.time.Instant;

/**
 * A person presumed a child had their age assessed. A child stays a child (and keeps the child path); an adult
 * referred without consent must now consent to the referral: before the reasonable-grounds decision
 * ({@code consentRequired}) the case waits as a notification until the referring agency records the consent; after it
 * ({@code consentToReferralRequired}: the decision stands and the person keeps its protection) the referring agency is
 * asked to record the consent, and no conclusive decision is taken without it. {@code consentToReferralRequired} is
 * null on events recorded before it was kept (read as false).
 */
public record AgeAssessed(String caseId, AgeAssessmentOutcome outcome, Instant assessedAt, boolean consentRequired,
                          Boolean consentToReferralRequired) {

    public AgeAssessed(String caseId, AgeAssessmentOutcome outcome, Instant assessedAt) {
        this(caseId, outcome, assessedAt, false, false);
    }

    public AgeAssessed(String caseId, AgeAssessmentOutcome outcome, Instant assessedAt, boolean consentRequired) {
        this(caseId, outcome, assessedAt, consentRequired, false);
    }

    /** Whether consent to the referral is asked after the reasonable-grounds decision (old events: no). */
    public boolean consentToContinueRequired() {
        return Boolean.TRUE.equals(consentToReferralRequired);
    }
}

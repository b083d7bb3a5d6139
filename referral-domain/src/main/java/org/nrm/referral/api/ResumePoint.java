package org.nrm.referral.api;

/**
 * Where the mechanism takes a reopened case up again: the step the case stood before when it was closed.
 * {@code VOLUNTARY_RETURN}: a return was under way (requested after the last choice of durable solution); the
 * mechanism resumes it at the return's step it had reached.
 */
public enum ResumePoint {
    CONSENT(false), REASONABLE_GROUNDS_DECISION(false), RECOVERY_PERIOD(true), CONCLUSIVE_GROUNDS_DECISION(true),
    RECONSIDERATION_WINDOW(false), RECONSIDERATION_DECISION(true), DURABLE_SOLUTION(true), CASE_CLOSURE(false),
    VOLUNTARY_RETURN(true);

    private final boolean underProtection;

    ResumePoint(boolean underProtection) {
        this.underProtection = underProtection;
    }

    /**
     * Whether a case taken up here has the person under protection (the recovery period and after it, until the
     * return): a person whose shelter placement the closure ended is owed a placement again.
     */
    public boolean underProtection() {
        return underProtection;
    }
}

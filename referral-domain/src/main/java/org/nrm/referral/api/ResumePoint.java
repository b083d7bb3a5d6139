package org.nrm.referral.api;

/**
 * Where the mechanism takes a reopened case up again: the step the case stood before when it was closed.
 * {@code VOLUNTARY_RETURN}: a return was under way (requested after the last choice of durable solution); the
 * mechanism resumes it at the return's step it had reached.
 */
public enum ResumePoint {
    CONSENT, REASONABLE_GROUNDS_DECISION, RECOVERY_PERIOD, CONCLUSIVE_GROUNDS_DECISION, RECONSIDERATION_WINDOW,
    RECONSIDERATION_DECISION, DURABLE_SOLUTION, CASE_CLOSURE, VOLUNTARY_RETURN;

    /**
     * Whether a case taken up here has the person under protection (the recovery period and after it, until the
     * return): a person whose shelter placement the closure ended is owed a placement again.
     */
    public boolean underProtection() {
        return switch (this) {
            case RECOVERY_PERIOD, CONCLUSIVE_GROUNDS_DECISION, RECONSIDERATION_DECISION, DURABLE_SOLUTION,
                 VOLUNTARY_RETURN -> true;
            default -> false;
        };
    }
}

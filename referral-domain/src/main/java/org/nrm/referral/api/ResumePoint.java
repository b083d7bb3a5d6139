package org.nrm.referral.api;

/** Where the mechanism takes a reopened case up again: the step the case stood before when it was closed. */
public enum ResumePoint {
    CONSENT, REASONABLE_GROUNDS_DECISION, RECOVERY_PERIOD, CONCLUSIVE_GROUNDS_DECISION, RECONSIDERATION_WINDOW,
    RECONSIDERATION_DECISION, DURABLE_SOLUTION, CASE_CLOSURE
}

package org.nrm.referral.api;

import java.time.Instant;

/**
 * The recovery and reflection period began with a positive reasonable-grounds decision; no removal from the
 * country during it, and no conclusive decision before {@code minimumEndsAt}.
 */
public record RecoveryPeriodStarted(String caseId, Instant startedAt, Instant minimumEndsAt) {
}

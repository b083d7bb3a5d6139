package org.nrm.referral.api;

import java.time.Instant;

/** Support continues for a move-on period after the conclusive decision. */
public record MoveOnSupportStarted(String caseId, Instant startedAt, Instant endsAt) {
}

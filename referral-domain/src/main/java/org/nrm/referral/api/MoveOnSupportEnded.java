package org.nrm.referral.api;

import java.time.Instant;

/** The move-on support period ended. */
public record MoveOnSupportEnded(String caseId, Instant endedAt) {
}

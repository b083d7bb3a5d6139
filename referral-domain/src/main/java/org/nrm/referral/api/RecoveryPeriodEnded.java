package org.nrm.referral.api;

import java.time.Instant;

/** The recovery period ended; the case awaits its conclusive-grounds decision. */
public record RecoveryPeriodEnded(String caseId, Instant endedAt) {
}

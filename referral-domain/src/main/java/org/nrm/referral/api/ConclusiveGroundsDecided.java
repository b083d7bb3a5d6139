package org.nrm.referral.api;

import java.time.Instant;

/** The conclusive-grounds decision, with its reasons; a negative one opens a reconsideration window. */
public record ConclusiveGroundsDecided(String caseId, GroundsOutcome outcome, PersonalText reasons, Instant decidedAt, Instant reconsiderationWindowEndsAt) {
}

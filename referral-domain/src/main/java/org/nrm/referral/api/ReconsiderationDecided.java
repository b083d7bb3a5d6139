package org.nrm.referral.api;

import java.time.Instant;

/** The reconsideration's outcome; OVERTURNED reverses the decision. */
public record ReconsiderationDecided(String caseId, DecisionKind decision, ReconsiderationOutcome outcome, PersonalText reasons, Instant decidedAt) {
}

package org.nrm.referral.api;

import java.time.Instant;

/** A reconsideration of a negative decision was requested. */
public record ReconsiderationRequested(String caseId, DecisionKind decision, ReconsiderationGround ground, PersonalText explanation, String requestingAgency, Instant requestedAt) {
}

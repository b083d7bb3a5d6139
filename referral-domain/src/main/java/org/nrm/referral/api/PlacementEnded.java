package org.nrm.referral.api;

import java.time.Instant;

/** The person of a case left the shelter. */
public record PlacementEnded(String shelterId, String caseId, PersonalText reason, Instant endedAt) {
}

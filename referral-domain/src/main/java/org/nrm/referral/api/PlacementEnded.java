package org.nrm.referral.api;

import java.time.Instant;

/** The person of a case left the shelter; the bed is free. */
public record PlacementEnded(String shelterId, String caseId, PlacementEndReason reason, PersonalText note,
                             Instant endedAt) {
}

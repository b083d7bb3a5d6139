package org.nrm.referral.api;

import java.time.Instant;

/** The person of a case took a bed in the shelter. */
public record PersonPlaced(String shelterId, String caseId, Instant placedAt) {
}

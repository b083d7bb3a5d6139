package org.nrm.referral.api;

import java.time.Instant;

/** The person declined the accommodation offered. */
public record AccommodationDeclined(String caseId, Instant declinedAt) {
}

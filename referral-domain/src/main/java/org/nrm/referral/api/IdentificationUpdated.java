package org.nrm.referral.api;

import java.time.Instant;

/** The identification (exploitation types, location, indicators) now reads as given. */
public record IdentificationUpdated(String caseId, Exploitation exploitation, Instant updatedAt) {
}

package org.nrm.referral.api;

import java.time.Instant;

/** A voluntary return was requested for the case; returnId names its own record. */
public record VoluntaryReturnRequested(String caseId, String returnId, String countryOfReturn, Instant requestedAt) {
}

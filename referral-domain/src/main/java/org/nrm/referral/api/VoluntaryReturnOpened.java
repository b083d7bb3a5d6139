package org.nrm.referral.api;

import java.time.Instant;

/** The record of a voluntary return was opened. */
public record VoluntaryReturnOpened(String returnId, String caseId, String countryOfReturn, Instant openedAt) {
}

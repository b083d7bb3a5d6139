package org.nrm.referral.api;

import java.time.Instant;

/** Travel documents were obtained. */
public record TravelDocumentsObtained(String returnId, String caseId, String documentType, Instant obtainedAt) {
}

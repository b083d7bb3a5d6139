package org.nrm.referral.api;

import java.time.Instant;

/** Travel documents were obtained. */
public record TravelDocumentsObtained(String returnId, String caseId, PersonalText documentType, Instant obtainedAt) {
}

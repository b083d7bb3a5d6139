package org.nrm.referral.api;

import java.time.Instant;

/** The documents used to cross the border were recorded; {@code notes} is personal data. */
public record TravelDocumentsRecorded(String caseId, BorderCrossingDocuments documents, PersonalText notes,
                                      Instant recordedAt) {
}

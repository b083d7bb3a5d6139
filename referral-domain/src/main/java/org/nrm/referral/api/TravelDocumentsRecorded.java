package org.nrm.referral.api;

import java.time.Instant;

/**
 * The documents used to cross the border were recorded; {@code notes} and {@code borderPoint} are personal data (an
 * event recorded before the border point was kept reads it as null).
 */
public record TravelDocumentsRecorded(String caseId, BorderCrossingDocuments documents, PersonalText notes,
                                      Instant recordedAt, PersonalText borderPoint) {

    public TravelDocumentsRecorded(String caseId, BorderCrossingDocuments documents, PersonalText notes,
                                   Instant recordedAt) {
        this(caseId, documents, notes, recordedAt, null);
    }
}

package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records the documents the person used to cross the border (own, false, someone else's, none), with notes, and the
 * border point where they crossed (optional; a place: personal data).
 */
public record RecordTravelDocuments(@TargetAggregateIdentifier String caseId, BorderCrossingDocuments documents,
                                    PersonalText notes, PersonalText borderPoint) {

    public RecordTravelDocuments(String caseId, BorderCrossingDocuments documents, PersonalText notes) {
        this(caseId, documents, notes, null);
    }
}

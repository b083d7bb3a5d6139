package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records the documents the person used to cross the border (own, false, someone else's, none), with notes. */
public record RecordTravelDocuments(@TargetAggregateIdentifier String caseId, BorderCrossingDocuments documents,
                                    PersonalText notes) {
}

package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Travel documents for the return were obtained. */
public record RecordTravelDocuments(@TargetAggregateIdentifier String returnId, String documentType) {
}

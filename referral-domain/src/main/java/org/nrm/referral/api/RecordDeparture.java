package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The person departed and was handed over to a receiving organisation in the country of origin. */
public record RecordDeparture(@TargetAggregateIdentifier String returnId, String receivingOrganisation) {
}

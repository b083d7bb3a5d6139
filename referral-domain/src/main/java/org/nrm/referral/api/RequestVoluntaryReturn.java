package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A person whose durable solution is voluntary return asks for it to be organised. */
public record RequestVoluntaryReturn(@TargetAggregateIdentifier String caseId, String returnId, String countryOfReturn) {
}

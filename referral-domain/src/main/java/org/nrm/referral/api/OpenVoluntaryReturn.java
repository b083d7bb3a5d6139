package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens the record of a voluntary return requested for a case. */
public record OpenVoluntaryReturn(@TargetAggregateIdentifier String returnId, String caseId, String countryOfReturn) {
}

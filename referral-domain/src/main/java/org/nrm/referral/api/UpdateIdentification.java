package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Identification screening adds to or corrects the exploitation types, location and indicators. */
public record UpdateIdentification(@TargetAggregateIdentifier String caseId, Exploitation exploitation) {
}

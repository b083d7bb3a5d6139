package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A closed case is reopened, with the reason (personal data). */
public record ReopenCase(@TargetAggregateIdentifier String caseId, PersonalText reason) {
}

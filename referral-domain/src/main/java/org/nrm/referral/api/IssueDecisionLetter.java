package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that the letter about one of the case's decisions (the event at {@code decisionSequence} of the case's
 * stream) was issued, in {@code language} (an ISO 639-2 code, {@code eng} when the jurisdiction has no translation
 * into one of the person's languages).
 */
public record IssueDecisionLetter(@TargetAggregateIdentifier String caseId, long decisionSequence, String language) {
}

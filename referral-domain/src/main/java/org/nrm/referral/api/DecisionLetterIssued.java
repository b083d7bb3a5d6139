package org.nrm.referral.api;

import java.time.Instant;

/**
 * The letter about a decision (the case's event at {@code decisionSequence}) was issued to the person, or to the
 * guardian of a child, in {@code language} (ISO 639-2). Who issued it is the event's actor. No personal data: the
 * letter itself is produced from the decision's own (encrypted) event and is not stored.
 */
public record DecisionLetterIssued(String caseId, long decisionSequence, DecisionLetterKind decision,
                                   LetterAddressee addressee, String language, Instant issuedAt) {
}

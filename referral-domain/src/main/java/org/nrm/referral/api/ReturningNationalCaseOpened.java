package org.nrm.referral.api;

import java.time.Instant;

/**
 * The case of a national returning from abroad was opened, with the decision taken abroad (not taken again here).
 * {@code person} is {@code null} when none was handed over. {@code handoverPackageId} names the imported package, if
 * the case came from one.
 */
public record ReturningNationalCaseOpened(String caseId, String reference, String openingAgency,
                                          PersonalDetails person, PersonProfile profile, DecisionAbroad decisionAbroad,
                                          String handoverPackageId, String sourceReference, Instant openedAt) {
}

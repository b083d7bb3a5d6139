package org.nrm.referral.api;

import java.time.Instant;
import java.time.LocalDate;

/** A criminal investigation was opened (agency codes and the agency's file reference: no personal data). */
public record InvestigationOpened(String caseId, String investigatingAgency, String prosecutingAgency,
                                  String reference, LocalDate openedOn, Instant recordedAt) {
}

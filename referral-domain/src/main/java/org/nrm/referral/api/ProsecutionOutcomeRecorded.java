package org.nrm.referral.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The prosecution's outcome (see {@link RecordProsecutionOutcome}): counts, codes and amounts, no personal data. */
public record ProsecutionOutcomeRecorded(String caseId, int suspectsCharged, Offence offence, Verdict verdict,
                                         Integer sentenceMonths, BigDecimal compensationOrdered, String currency,
                                         LocalDate decidedOn, Instant recordedAt) {
}

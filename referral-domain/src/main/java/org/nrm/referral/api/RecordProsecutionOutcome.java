package org.nrm.referral.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The prosecution's outcome so far: how many suspects were charged and with which offence, and the verdict (pending,
 * convicted, acquitted) with, on a conviction, the longest sentence in months and the compensation ordered to the
 * person (an amount in {@code currency}, ISO 4217). A pending outcome may be followed by the verdict; a verdict is final.
 */
public record RecordProsecutionOutcome(@TargetAggregateIdentifier String caseId, int suspectsCharged, Offence offence,
                                       Verdict verdict, Integer sentenceMonths, BigDecimal compensationOrdered,
                                       String currency, LocalDate decidedOn) {
}

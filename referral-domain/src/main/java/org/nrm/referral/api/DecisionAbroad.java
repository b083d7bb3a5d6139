package org.nrm.referral.api;

import java.time.LocalDate;

/**
 * An identification decision taken in another country's mechanism, as the returning-national case records it: the
 * decision ({@code kind}, {@code outcome}), the day it was taken, the organisation that took it and the country
 * (ISO 3166-1 alpha-2). It is recorded, never taken again here.
 */
public record DecisionAbroad(String sourceCountry, String decidingOrganisation, DecisionKind kind,
                             GroundsOutcome outcome, LocalDate decidedOn) {
}

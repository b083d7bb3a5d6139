package org.nrm.projections.cases;

import java.time.Instant;

/** Where a case stands, as the case view projection has it (no personal data). */
public record CaseView(String caseId,
                       String reference,
                       String stage,
                       boolean child,
                       boolean foreignNational,
                       boolean needsAccommodation,
                       String referringAgency,
                       Instant referredAt,
                       String reasonableGrounds,
                       Instant reasonableGroundsDueAt,
                       Instant reasonableGroundsDecidedAt,
                       Instant recoveryPeriodStartedAt,
                       Instant recoveryPeriodMinimumEndsAt,
                       long version) {
}

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
                       String gender,
                       String ageGroup,
                       String nationality,
                       boolean guardianAppointed,
                       String reasonableGrounds,
                       Instant reasonableGroundsDueAt,
                       Instant reasonableGroundsDecidedAt,
                       Instant recoveryPeriodStartedAt,
                       Instant recoveryPeriodMinimumEndsAt,
                       Instant recoveryPeriodEndsAt,
                       Instant recoveryPeriodEndedAt,
                       String conclusiveGrounds,
                       Instant conclusiveGroundsDecidedAt,
                       Instant reconsiderationWindowEndsAt,
                       boolean reconsiderationPending,
                       Instant moveOnSupportEndsAt,
                       boolean disqualified,
                       String durableSolution,
                       String shelterId,
                       boolean accommodationDeclined,
                       String permitStatus,
                       Instant permitValidUntil,
                       String returnStatus,
                       int deadlineBreaches,
                       String closureCategory,
                       Instant closedAt,
                       long lastEventIndex) {

    /**
     * Treated as a child because the age is in doubt (uncertain, or no birth date), not because the stated birth date
     * makes the person one: the presumption of Directive 2011/36/EU Art. 13(2), which holds until an age assessment.
     * The case then reads {@code child} with the age group the stated birth date gives ({@code ADULT} or
     * {@code UNKNOWN}).
     */
    public boolean childByPresumption() {
        return child && !"CHILD".equals(ageGroup);
    }
}

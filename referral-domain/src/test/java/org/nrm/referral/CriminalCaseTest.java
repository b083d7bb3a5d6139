package org.nrm.referral;

import static org.nrm.referral.Fixtures.CASE_ID;
import static org.nrm.referral.Fixtures.NOW;
import static org.nrm.referral.Fixtures.daysAfterNow;
import static org.nrm.referral.Fixtures.fixture;
import static org.nrm.referral.Fixtures.referralSubmitted;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.*;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.model.ReferralCase;
import org.nrm.referral.model.ResidencePermitApplication;

/** The criminal case on a person's case, the journey, and the permit ground that reads the cooperation. */
class CriminalCaseTest {

    private static final LocalDate OPENED = LocalDate.of(2026, 11, 2);
    private static final InvestigationOpened OPENED_EVENT = new InvestigationOpened(CASE_ID, "police",
            "prosecution-service", "OP-17/2026", OPENED, NOW);

    private AggregateTestFixture<ReferralCase> cases;

    @BeforeEach
    void setUp() {
        cases = Fixtures.referralCaseFixture();
    }

    @AfterEach
    void tearDown() {
        Fixtures.COOPERATION_BY_CASE.clear();
    }

    @Test
    void an_investigation_is_opened_once() {
        cases.given(referralSubmitted())
                .when(new OpenInvestigation(CASE_ID, "police", "prosecution-service", "OP-17/2026", OPENED))
                .expectEvents(OPENED_EVENT);
        cases.given(referralSubmitted(), OPENED_EVENT)
                .when(new OpenInvestigation(CASE_ID, "police", null, "OP-18/2026", OPENED))
                .expectException(CaseRuleViolation.class).expectExceptionMessage(
                        org.hamcrest.Matchers.containsString("already recorded"))
                .expectNoEvents();
    }

    @Test
    void cooperation_protection_and_outcome_need_an_investigation() {
        cases.given(referralSubmitted()).when(new RecordCooperation(CASE_ID, CooperationStatus.COOPERATING))
                .expectException(CaseRuleViolation.class).expectNoEvents();
        cases.given(referralSubmitted())
                .when(new RecordWitnessProtection(CASE_ID, Set.of(ProtectiveMeasure.ANONYMITY), null))
                .expectException(CaseRuleViolation.class).expectNoEvents();
        cases.given(referralSubmitted()).when(new RecordProsecutionOutcome(CASE_ID, 2, Offence.TRAFFICKING_IN_PERSONS,
                        Verdict.PENDING, null, null, null, OPENED))
                .expectException(CaseRuleViolation.class).expectNoEvents();
        cases.given(referralSubmitted(), OPENED_EVENT)
                .when(new RecordCooperation(CASE_ID, CooperationStatus.COOPERATING))
                .expectEvents(new CooperationRecorded(CASE_ID, CooperationStatus.COOPERATING, NOW));
    }

    @Test
    void a_verdict_is_final_and_a_sentence_follows_a_conviction_only() {
        var convicted = new ProsecutionOutcomeRecorded(CASE_ID, 2, Offence.TRAFFICKING_IN_PERSONS, Verdict.CONVICTED,
                48, new BigDecimal("5000.00"), "GBP", OPENED.plusMonths(6), NOW);
        cases.given(referralSubmitted(), OPENED_EVENT)
                .when(new RecordProsecutionOutcome(CASE_ID, 2, Offence.TRAFFICKING_IN_PERSONS, Verdict.CONVICTED, 48,
                        new BigDecimal("5000.00"), "GBP", OPENED.plusMonths(6)))
                .expectEvents(convicted);
        cases.given(referralSubmitted(), OPENED_EVENT, convicted)
                .when(new RecordProsecutionOutcome(CASE_ID, 2, Offence.TRAFFICKING_IN_PERSONS, Verdict.ACQUITTED, null,
                        null, null, OPENED.plusMonths(7)))
                .expectException(CaseRuleViolation.class).expectNoEvents();
        cases.given(referralSubmitted(), OPENED_EVENT)
                .when(new RecordProsecutionOutcome(CASE_ID, 1, Offence.FORCED_LABOUR, Verdict.ACQUITTED, 12, null,
                        null, OPENED))
                .expectException(CaseRuleViolation.class).expectNoEvents();
    }

    @Test
    void the_journey_names_a_stage_and_country_for_every_leg() {
        var leg = new JourneyLeg(JourneyStage.RECRUITMENT, "VN");
        var places = PersonalText.of("[{\"place\":\"Hanoi\",\"arrivedOn\":\"2026-01-05\"}]");
        cases.given(referralSubmitted()).when(new RecordJourney(CASE_ID, List.of(leg), places))
                .expectEvents(new JourneyRecorded(CASE_ID, List.of(leg), places, NOW));
        cases.given(referralSubmitted())
                .when(new RecordJourney(CASE_ID, List.of(new JourneyLeg(JourneyStage.TRANSIT, null)), null))
                .expectException(CaseRuleViolation.class).expectNoEvents();
    }

    @Test
    void a_permit_on_investigation_cooperation_needs_the_person_cooperating() {
        AggregateTestFixture<ResidencePermitApplication> permits = fixture(ResidencePermitApplication.class,
                new MutableClock(NOW));
        var applied = new ResidencePermitApplied("permit-1", CASE_ID, NOW);
        permits.given(applied)
                .when(new GrantResidencePermit("permit-1", PermitGround.INVESTIGATION_COOPERATION, daysAfterNow(365)))
                .expectException(CaseRuleViolation.class).expectNoEvents();
        Fixtures.COOPERATION_BY_CASE.put(CASE_ID, CooperationStatus.DECLINED);
        permits.given(applied)
                .when(new GrantResidencePermit("permit-1", PermitGround.INVESTIGATION_COOPERATION, daysAfterNow(365)))
                .expectException(CaseRuleViolation.class).expectNoEvents();
        Fixtures.COOPERATION_BY_CASE.put(CASE_ID, CooperationStatus.COOPERATING);
        permits.given(applied)
                .when(new GrantResidencePermit("permit-1", PermitGround.INVESTIGATION_COOPERATION, daysAfterNow(365)))
                .expectSuccessfulHandlerExecution();
    }
}

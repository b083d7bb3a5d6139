package org.nrm.referral;

import static org.nrm.referral.Fixtures.*;

import java.time.Duration;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.*;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.model.ReferralCase;

class RecoveryAndConclusiveGroundsTest {

    private MutableClock clock;
    private AggregateTestFixture<ReferralCase> fixture;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(NOW);
        fixture = fixture(ReferralCase.class, clock);
    }

    @Test
    void the_recovery_period_is_extended_with_a_recorded_reason() {
        clock.advance(Duration.ofDays(10));
        fixture.given(positiveReasonableGrounds())
                .when(new ExtendRecoveryPeriod(CASE_ID, 15, "Hospital treatment"))
                .expectEvents(new RecoveryPeriodExtended(CASE_ID, 15, PersonalText.of("Hospital treatment"), daysAfterNow(45),
                        daysAfterNow(10)));
    }

    @Test
    void an_extension_without_a_reason_is_refused() {
        fixture.given(positiveReasonableGrounds())
                .when(new ExtendRecoveryPeriod(CASE_ID, 15, " "))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void the_recovery_period_ends_only_once_it_has_run_its_course_and_otherwise_says_when_it_will() {
        clock.set(daysAfterNow(31));
        fixture.given(positiveReasonableGrounds())
                .when(new EndRecoveryPeriod(CASE_ID))
                .expectEvents(new RecoveryPeriodEnded(CASE_ID, daysAfterNow(31)));
        fixture.given(positiveReasonableGrounds())
                .andGiven(new RecoveryPeriodExtended(CASE_ID, 15, PersonalText.of("Hospital"), daysAfterNow(45), NOW))
                .when(new EndRecoveryPeriod(CASE_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Deadlines.none().with(Deadlines.Deadline.RECOVERY_PERIOD_ENDS, daysAfterNow(45)));
    }

    @Test
    void a_conclusive_decision_before_the_recovery_periods_minimum_has_passed_is_refused() {
        clock.set(daysAfterNow(29));
        fixture.given(positiveReasonableGrounds())
                .when(new RecordConclusiveGroundsDecision(CASE_ID, GroundsOutcome.POSITIVE, "Victim"))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("minimum"))
                .expectNoEvents();
    }

    @Test
    void a_positive_conclusive_decision_starts_forty_five_days_of_move_on_support() {
        clock.set(daysAfterNow(30));
        fixture.given(positiveReasonableGrounds())
                .andGiven(new RecoveryPeriodEnded(CASE_ID, daysAfterNow(30)))
                .when(new RecordConclusiveGroundsDecision(CASE_ID, GroundsOutcome.POSITIVE, "Victim"))
                .expectEvents(new ConclusiveGroundsDecided(CASE_ID, GroundsOutcome.POSITIVE, PersonalText.of("Victim"), daysAfterNow(30), null),
                        new MoveOnSupportStarted(CASE_ID, daysAfterNow(30), daysAfterNow(75)));
    }

    @Test
    void a_negative_conclusive_decision_gives_fourteen_days_of_support_and_a_reconsideration_window() {
        clock.set(daysAfterNow(40));
        fixture.given(positiveReasonableGrounds())
                .when(new RecordConclusiveGroundsDecision(CASE_ID, GroundsOutcome.NEGATIVE, "Account not credible"))
                .expectEvents(new RecoveryPeriodEnded(CASE_ID, daysAfterNow(40)),
                        new ConclusiveGroundsDecided(CASE_ID, GroundsOutcome.NEGATIVE, PersonalText.of("Account not credible"),
                                daysAfterNow(40), daysAfterNow(70)),
                        new MoveOnSupportStarted(CASE_ID, daysAfterNow(40), daysAfterNow(54)));
    }

    @Test
    void a_conclusive_decision_needs_a_positive_reasonable_grounds_decision() {
        clock.set(daysAfterNow(40));
        fixture.given(referralSubmitted())
                .when(new RecordConclusiveGroundsDecision(CASE_ID, GroundsOutcome.POSITIVE, "Victim"))
                .expectException(CaseRuleViolation.class);
    }

    @Test
    void a_second_conclusive_decision_is_refused() {
        clock.set(daysAfterNow(40));
        fixture.given(positiveConclusiveGrounds())
                .when(new RecordConclusiveGroundsDecision(CASE_ID, GroundsOutcome.NEGATIVE, "Changed"))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_person_with_protection_can_be_disqualified_once_on_recorded_grounds() {
        fixture.given(positiveReasonableGrounds())
                .when(new DisqualifyFromProtection(CASE_ID, DisqualificationGround.PUBLIC_ORDER, new PersonalText("Conviction")))
                .expectEvents(new ProtectionDisqualified(CASE_ID, DisqualificationGround.PUBLIC_ORDER,
                                new PersonalText("Conviction"), NOW, true),
                        new RecoveryPeriodEnded(CASE_ID, NOW));
        fixture.given(positiveReasonableGrounds())
                .andGiven(new ProtectionDisqualified(CASE_ID, DisqualificationGround.PUBLIC_ORDER, new PersonalText("Conviction"),
                        NOW, true), new RecoveryPeriodEnded(CASE_ID, NOW))
                .when(new DisqualifyFromProtection(CASE_ID, DisqualificationGround.BAD_FAITH, new PersonalText("Again")))
                .expectException(CaseRuleViolation.class);
        fixture.given(referralSubmitted())
                .when(new DisqualifyFromProtection(CASE_ID, DisqualificationGround.BAD_FAITH,
                        new PersonalText("No protection yet")))
                .expectException(CaseRuleViolation.class);
    }
}

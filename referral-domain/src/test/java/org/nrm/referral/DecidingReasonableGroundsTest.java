package org.nrm.referral;

import org.nrm.referral.api.PersonalText;

import static org.nrm.referral.Fixtures.CASE_ID;
import static org.nrm.referral.Fixtures.NOW;
import static org.nrm.referral.Fixtures.REFERENCE;
import static org.nrm.referral.Fixtures.EXPLOITATION;
import static org.nrm.referral.Fixtures.adult;
import static org.nrm.referral.Fixtures.referralCaseFixture;
import static org.nrm.referral.Fixtures.referralSubmitted;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.AnonymousNotificationMade;
import org.nrm.referral.api.GroundsOutcome;
import org.nrm.referral.api.ReasonableGroundsDecided;
import org.nrm.referral.api.RecordReasonableGroundsDecision;
import org.nrm.referral.api.RecoveryPeriodStarted;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.model.ReferralCase;

class DecidingReasonableGroundsTest {

    private AggregateTestFixture<ReferralCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = referralCaseFixture();
    }

    @Test
    void a_positive_decision_starts_the_recovery_period_of_at_least_thirty_days() {
        fixture.given(referralSubmitted())
                .when(new RecordReasonableGroundsDecision(CASE_ID, GroundsOutcome.POSITIVE, "Credible account"))
                .expectEvents(new ReasonableGroundsDecided(CASE_ID, GroundsOutcome.POSITIVE, PersonalText.of("Credible account"), NOW, null),
                        new RecoveryPeriodStarted(CASE_ID, NOW, Instant.parse("2026-12-27T10:00:00Z")));
    }

    @Test
    void a_negative_decision_is_recorded_with_its_reasons_and_starts_no_recovery_period() {
        fixture.given(referralSubmitted())
                .when(new RecordReasonableGroundsDecision(CASE_ID, GroundsOutcome.NEGATIVE, "No indicators"))
                .expectEvents(new ReasonableGroundsDecided(CASE_ID, GroundsOutcome.NEGATIVE, PersonalText.of("No indicators"), NOW,
                        Instant.parse("2026-12-27T10:00:00Z")));
    }

    @Test
    void a_second_reasonable_grounds_decision_is_refused() {
        fixture.given(referralSubmitted(),
                        new ReasonableGroundsDecided(CASE_ID, GroundsOutcome.NEGATIVE, PersonalText.of("No indicators"), NOW, NOW))
                .when(new RecordReasonableGroundsDecision(CASE_ID, GroundsOutcome.POSITIVE, "Changed my mind"))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already in force"))
                .expectNoEvents();
    }

    @Test
    void a_decision_without_reasons_is_refused() {
        fixture.given(referralSubmitted())
                .when(new RecordReasonableGroundsDecision(CASE_ID, GroundsOutcome.POSITIVE, " "))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_positive_decision_returns_the_end_of_the_recovery_periods_minimum_for_the_process() {
        fixture.given(referralSubmitted())
                .when(new RecordReasonableGroundsDecision(CASE_ID, GroundsOutcome.POSITIVE, "Credible account"))
                .expectResultMessagePayload(org.nrm.referral.api.Deadlines.none().with(
                        org.nrm.referral.api.Deadlines.Deadline.RECOVERY_PERIOD_ENDS, Instant.parse("2026-12-27T10:00:00Z")));
    }

    @Test
    void an_anonymous_notification_cannot_be_decided() {
        fixture.given(new AnonymousNotificationMade(CASE_ID, REFERENCE, "police", adult("VN"), EXPLOITATION, true, NOW))
                .when(new RecordReasonableGroundsDecision(CASE_ID, GroundsOutcome.POSITIVE, "Credible"))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
    }
}

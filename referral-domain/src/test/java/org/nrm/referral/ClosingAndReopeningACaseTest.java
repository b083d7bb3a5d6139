package org.nrm.referral;

import static org.nrm.referral.Fixtures.*;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.*;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.model.ReferralCase;

class ClosingAndReopeningACaseTest {

    private static final CaseClosed CLOSED = new CaseClosed(CASE_ID, ClosureCategory.LOST_CONTACT, PersonalText.of("No contact"), NOW);

    private AggregateTestFixture<ReferralCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = referralCaseFixture();
    }

    @Test
    void a_case_taken_up_from_its_recovery_period_on_has_the_person_under_protection_and_before_it_not() {
        java.util.Set<ResumePoint> under = java.util.EnumSet.noneOf(ResumePoint.class);
        for (ResumePoint point : ResumePoint.values()) {
            if (point.underProtection()) {
                under.add(point);
            }
        }
        org.assertj.core.api.Assertions.assertThat(under).containsExactlyInAnyOrder(ResumePoint.RECOVERY_PERIOD,
                ResumePoint.CONCLUSIVE_GROUNDS_DECISION, ResumePoint.RECONSIDERATION_DECISION,
                ResumePoint.DURABLE_SOLUTION, ResumePoint.VOLUNTARY_RETURN);
    }

    @Test
    void a_case_is_closed_with_a_category_and_a_reason() {
        fixture.given(referralSubmitted())
                .when(new CloseCase(CASE_ID, ClosureCategory.LOST_CONTACT, "No contact"))
                .expectEvents(CLOSED);
    }

    @Test
    void a_closure_without_a_reason_is_refused() {
        fixture.given(referralSubmitted())
                .when(new CloseCase(CASE_ID, ClosureCategory.OTHER, null))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void no_decision_is_recorded_on_a_closed_case() {
        fixture.given(referralSubmitted(), CLOSED)
                .when(new RecordReasonableGroundsDecision(CASE_ID, GroundsOutcome.POSITIVE, "Credible"))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("closed"))
                .expectNoEvents();
    }

    @Test
    void a_closed_case_is_not_closed_twice() {
        fixture.given(referralSubmitted(), CLOSED)
                .when(new CloseCase(CASE_ID, ClosureCategory.OTHER, "Again"))
                .expectException(CaseRuleViolation.class);
    }

    @Test
    void a_reopened_case_stands_where_it_stood_and_takes_decisions_again() {
        fixture.given(referralSubmitted(), CLOSED)
                .when(new ReopenCase(CASE_ID, new PersonalText("Person back in contact")))
                .expectEvents(new CaseReopened(CASE_ID, new PersonalText("Person back in contact"),
                        CaseStage.AWAITING_REASONABLE_GROUNDS, ResumePoint.REASONABLE_GROUNDS_DECISION, false, false,
                        null, Instant.parse("2026-12-04T10:00:00Z"), null, null, NOW));
        fixture.given(referralSubmitted(), CLOSED, new CaseReopened(CASE_ID, new PersonalText("Back"),
                        CaseStage.AWAITING_REASONABLE_GROUNDS, ResumePoint.REASONABLE_GROUNDS_DECISION, false, false,
                        null, Instant.parse("2026-12-04T10:00:00Z"), null, null, NOW))
                .when(new RecordReasonableGroundsDecision(CASE_ID, GroundsOutcome.POSITIVE, "Credible"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void only_a_closed_case_is_reopened() {
        fixture.given(referralSubmitted())
                .when(new ReopenCase(CASE_ID, new PersonalText("Why")))
                .expectException(CaseRuleViolation.class);
    }

    @Test
    void a_notification_becomes_a_case_when_the_person_consents() {
        fixture.given(new AnonymousNotificationMade(CASE_ID, REFERENCE, "police", adult("VN"), EXPLOITATION, true, NOW))
                .when(new GiveConsent(CASE_ID, LAN, false))
                .expectEvents(new ConsentGiven(CASE_ID, LAN, false, NOW, java.time.Instant.parse("2026-12-04T10:00:00Z")));
        fixture.given(referralSubmitted())
                .when(new GiveConsent(CASE_ID, LAN, false))
                .expectException(CaseRuleViolation.class);
    }

    @Test
    void a_voluntary_return_needs_return_as_the_chosen_durable_solution() {
        fixture.given(positiveConclusiveGrounds())
                .when(new RequestVoluntaryReturn(CASE_ID, "return-1", "VN"))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
        fixture.given(positiveConclusiveGrounds())
                .andGiven(new DurableSolutionChosen(CASE_ID, DurableSolution.VOLUNTARY_RETURN, null, NOW))
                .when(new RequestVoluntaryReturn(CASE_ID, "return-1", "VN"))
                .expectEvents(new VoluntaryReturnRequested(CASE_ID, "return-1", "VN", NOW));
    }

    @Test
    void a_durable_solution_needs_a_positive_conclusive_decision() {
        fixture.given(positiveReasonableGrounds())
                .when(new ChooseDurableSolution(CASE_ID, DurableSolution.INTEGRATION, null))
                .expectException(CaseRuleViolation.class);
    }
}

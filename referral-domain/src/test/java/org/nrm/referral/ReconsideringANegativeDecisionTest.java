package org.nrm.referral;

import static org.nrm.referral.Fixtures.*;

import java.time.Instant;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.*;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.model.ReferralCase;

class ReconsideringANegativeDecisionTest {

    private static final ReasonableGroundsDecided NEGATIVE_RG =
            new ReasonableGroundsDecided(CASE_ID, GroundsOutcome.NEGATIVE, PersonalText.of("No indicators"), NOW, daysAfterNow(30));
    private static final PersonalText EXPLANATION = new PersonalText("Medical report received");

    private MutableClock clock;
    private AggregateTestFixture<ReferralCase> fixture;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(NOW);
        fixture = fixture(ReferralCase.class, clock);
    }

    private static RequestReconsideration requestBy(String agency, AgencyRole role) {
        return new RequestReconsideration(CASE_ID, ReconsiderationGround.NEW_EVIDENCE, EXPLANATION, agency, Set.of(role));
    }

    @Test
    void a_first_responder_requests_a_reconsideration_within_the_window() {
        clock.set(daysAfterNow(29));
        fixture.given(referralSubmitted(), NEGATIVE_RG)
                .when(requestBy("police", AgencyRole.FIRST_RESPONDER))
                .expectEvents(new ReconsiderationRequested(CASE_ID, DecisionKind.REASONABLE_GROUNDS,
                        ReconsiderationGround.NEW_EVIDENCE, EXPLANATION, "police", daysAfterNow(29)));
    }

    @Test
    void a_request_after_the_window_has_closed_is_refused() {
        clock.set(daysAfterNow(31));
        fixture.given(referralSubmitted(), NEGATIVE_RG)
                .when(requestBy("police", AgencyRole.FIRST_RESPONDER))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("window"))
                .expectNoEvents();
    }

    @Test
    void only_a_first_responder_or_support_provider_may_request_it() {
        fixture.given(referralSubmitted(), NEGATIVE_RG)
                .when(requestBy("immigration-service", AgencyRole.IMMIGRATION_AUTHORITY))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
        fixture.given(referralSubmitted(), NEGATIVE_RG)
                .when(requestBy("shelter-provider", AgencyRole.SUPPORT_PROVIDER))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void there_is_nothing_to_reconsider_after_a_positive_decision() {
        fixture.given(positiveReasonableGrounds())
                .when(requestBy("police", AgencyRole.FIRST_RESPONDER))
                .expectException(CaseRuleViolation.class);
    }

    @Test
    void overturning_a_negative_reasonable_grounds_decision_starts_the_recovery_period() {
        Instant decided = daysAfterNow(10);
        clock.set(decided);
        fixture.given(referralSubmitted(), NEGATIVE_RG, new ReconsiderationRequested(CASE_ID,
                        DecisionKind.REASONABLE_GROUNDS, ReconsiderationGround.NEW_EVIDENCE, EXPLANATION, "police", NOW))
                .when(new RecordReconsiderationDecision(CASE_ID, ReconsiderationOutcome.OVERTURNED, "New evidence"))
                .expectEvents(new ReconsiderationDecided(CASE_ID, DecisionKind.REASONABLE_GROUNDS,
                                ReconsiderationOutcome.OVERTURNED, PersonalText.of("New evidence"), decided),
                        new RecoveryPeriodStarted(CASE_ID, decided, daysAfterNow(40)));
    }

    @Test
    void an_upheld_decision_stands_and_cannot_be_reconsidered_again() {
        fixture.given(referralSubmitted(), NEGATIVE_RG, new ReconsiderationRequested(CASE_ID,
                        DecisionKind.REASONABLE_GROUNDS, ReconsiderationGround.NEW_EVIDENCE, EXPLANATION, "police", NOW),
                        new ReconsiderationDecided(CASE_ID, DecisionKind.REASONABLE_GROUNDS,
                                ReconsiderationOutcome.UPHELD, PersonalText.of("No new facts"), NOW))
                .when(requestBy("police", AgencyRole.FIRST_RESPONDER))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_second_request_while_one_is_pending_is_refused() {
        fixture.given(referralSubmitted(), NEGATIVE_RG, new ReconsiderationRequested(CASE_ID,
                        DecisionKind.REASONABLE_GROUNDS, ReconsiderationGround.NEW_EVIDENCE, EXPLANATION, "police", NOW))
                .when(requestBy("ngo-outreach", AgencyRole.SUPPORT_PROVIDER))
                .expectException(CaseRuleViolation.class);
    }

    @Test
    void overturning_a_negative_conclusive_decision_gives_the_positive_move_on_support() {
        clock.set(daysAfterNow(50));
        var events = new java.util.ArrayList<Object>(java.util.List.of(positiveReasonableGrounds()));
        events.add(new ConclusiveGroundsDecided(CASE_ID, GroundsOutcome.NEGATIVE, PersonalText.of("Not credible"), daysAfterNow(40),
                daysAfterNow(70)));
        events.add(new ReconsiderationRequested(CASE_ID, DecisionKind.CONCLUSIVE_GROUNDS,
                ReconsiderationGround.GUIDANCE_NOT_FOLLOWED, EXPLANATION, "ngo-outreach", daysAfterNow(45)));
        fixture.given(events)
                .when(new RecordReconsiderationDecision(CASE_ID, ReconsiderationOutcome.OVERTURNED, "Guidance"))
                .expectEvents(new ReconsiderationDecided(CASE_ID, DecisionKind.CONCLUSIVE_GROUNDS,
                                ReconsiderationOutcome.OVERTURNED, PersonalText.of("Guidance"), daysAfterNow(50)),
                        new MoveOnSupportStarted(CASE_ID, daysAfterNow(50), daysAfterNow(95)));
    }
}

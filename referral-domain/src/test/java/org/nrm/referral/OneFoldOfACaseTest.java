package org.nrm.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nrm.referral.Fixtures.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.*;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.model.CaseState;
import org.nrm.referral.model.ReferralCase;

/**
 * The one fold of a case ({@link CaseState}): on the same event streams, what the fold says a case looks like is what
 * the aggregate (loaded by its replay) decides on, prefix by prefix; and the fold carries what the read side shows.
 */
class OneFoldOfACaseTest {

    private static final java.time.Instant DUE = daysAfterNow(5);

    /** A negative decision overturned on reconsideration, the person recognised, a return chosen, closed, reopened. */
    private static List<Object> adultsJourney() {
        return List.of(referralSubmitted(),
                new ReasonableGroundsDecided(CASE_ID, GroundsOutcome.NEGATIVE, PersonalText.of("No indicators"), NOW,
                        daysAfterNow(30)),
                new ReconsiderationRequested(CASE_ID, DecisionKind.REASONABLE_GROUNDS, ReconsiderationGround.NEW_EVIDENCE,
                        PersonalText.of("New statement"), "police", daysAfterNow(1)),
                new ReconsiderationDecided(CASE_ID, DecisionKind.REASONABLE_GROUNDS, ReconsiderationOutcome.OVERTURNED,
                        PersonalText.of("Credible after all"), daysAfterNow(2)),
                new RecoveryPeriodStarted(CASE_ID, daysAfterNow(2), daysAfterNow(32)),
                new RecoveryPeriodEnded(CASE_ID, daysAfterNow(32)),
                new ConclusiveGroundsDecided(CASE_ID, GroundsOutcome.POSITIVE, PersonalText.of("Victim"),
                        daysAfterNow(32), null),
                new MoveOnSupportStarted(CASE_ID, daysAfterNow(32), daysAfterNow(77)),
                new DurableSolutionChosen(CASE_ID, DurableSolution.VOLUNTARY_RETURN, null, daysAfterNow(40)),
                new CaseClosed(CASE_ID, ClosureCategory.LOST_CONTACT, PersonalText.of("No contact"), daysAfterNow(50)),
                new CaseReopened(CASE_ID, PersonalText.of("Back in contact"), CaseStage.RETURN,
                        ResumePoint.DURABLE_SOLUTION, false, false, null, null, null, null, daysAfterNow(60)));
    }

    /** A presumed child with a guardian, found an adult by the age assessment. */
    private static List<Object> childsJourney() {
        return List.of(new ReferralSubmitted(CASE_ID, REFERENCE, "police", LAN, child("RO"), EXPLOITATION, true, true,
                        false, NOW, DUE),
                new GuardianAppointed(CASE_ID, new GuardianDetails("A guardian"), daysAfterNow(1)),
                new AgeAssessed(CASE_ID, AgeAssessmentOutcome.ADULT, daysAfterNow(3)),
                new CaseClosed(CASE_ID, ClosureCategory.OTHER, PersonalText.of("Moved on"), daysAfterNow(4)));
    }

    /** An anonymous notification that becomes a referral with the person's consent, then decided. */
    private static List<Object> notificationsJourney() {
        return List.of(new AnonymousNotificationMade(CASE_ID, REFERENCE, "police", adult("VN"), EXPLOITATION, true,
                        NOW, null),
                new ConsentGiven(CASE_ID, LAN, true, daysAfterNow(1), DUE),
                new ReasonableGroundsDecided(CASE_ID, GroundsOutcome.POSITIVE, PersonalText.of("Credible"),
                        daysAfterNow(2), null),
                new RecoveryPeriodStarted(CASE_ID, daysAfterNow(2), daysAfterNow(32)));
    }

    @Test
    void the_aggregate_decides_on_what_the_fold_says_the_case_looks_like_at_every_step() {
        int probes = 0;
        for (List<Object> journey : List.of(adultsJourney(), childsJourney(), notificationsJourney())) {
            for (int n = 1; n <= journey.size(); n++) {
                Object[] prefix = journey.subList(0, n).toArray();
                CaseState state = CaseState.of(Arrays.asList(prefix));

                String decision = state.stage() == CaseStage.CLOSED ? "case-closed"
                        : state.stage() == CaseStage.NOTIFICATION ? "notification-is-not-a-case"
                        : state.reasonableGrounds() != null ? "reasonable-grounds-already-decided" : null;
                expect(fixture().given(prefix)
                        .when(new RecordReasonableGroundsDecision(CASE_ID, GroundsOutcome.POSITIVE, "Credible")),
                        decision);

                String guardian = state.stage() == CaseStage.CLOSED ? "case-closed"
                        : state.stage() == CaseStage.NOTIFICATION ? "notification-is-not-a-case"
                        : !state.child() ? "not-a-child"
                        : state.guardianAppointed() ? "guardian-already-appointed" : null;
                expect(fixture().given(prefix)
                        .when(new AppointGuardian(CASE_ID, new GuardianDetails("Another guardian"))), guardian);

                if (state.stage() != CaseStage.CLOSED) {
                    expect(fixture().given(prefix).when(new ReopenCase(CASE_ID, PersonalText.of("Again"))),
                            "case-not-closed");
                }
                probes++;
            }
        }
        assertThat(probes).isEqualTo(adultsJourney().size() + childsJourney().size() + notificationsJourney().size());
    }

    @Test
    void the_fold_carries_what_the_case_shows_after_each_kind_of_step() {
        CaseState adult = CaseState.of(adultsJourney());
        assertThat(adult.stage()).isEqualTo(CaseStage.RETURN);
        assertThat(adult.reasonableGrounds()).isEqualTo(GroundsOutcome.POSITIVE);
        assertThat(adult.reconsiderationWindowEndsAt()).as("overturned: no window left").isNull();
        assertThat(adult.reconsiderations()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(ReconsiderationOutcome.OVERTURNED);
            assertThat(r.decidedAt()).isEqualTo(daysAfterNow(2));
        });
        assertThat(adult.closureCategory()).isNull();
        assertThat(adult.closedAt()).isNull();
        assertThat(adult.updatedAt()).isEqualTo(daysAfterNow(60));
        assertThat(adult.recoveryPeriodEndedAt()).isEqualTo(daysAfterNow(32));

        CaseState child = CaseState.of(childsJourney());
        assertThat(child.child()).isFalse();
        assertThat(child.ageGroup()).isEqualTo("ADULT");
        assertThat(child.guardianAppointed()).isTrue();
        assertThat(child.closureCategory()).isEqualTo(ClosureCategory.OTHER);

        CaseState notification = CaseState.of(notificationsJourney());
        assertThat(notification.anonymousNotification()).isTrue();
        assertThat(notification.consentShown()).isTrue();
        assertThat(notification.needsAccommodation()).isTrue();
        assertThat(notification.reasonableGroundsDueAt()).isEqualTo(DUE);
        assertThat(notification.stage()).isEqualTo(CaseStage.RECOVERY_PERIOD);
    }

    @Test
    void events_of_other_aggregates_about_the_case_change_what_it_shows() {
        List<Object> events = new ArrayList<>(List.of(referralSubmitted(),
                new PersonPlaced("shelter-1", CASE_ID, daysAfterNow(1), false, null),
                new PlacementEnded("shelter-2", CASE_ID, PlacementEndReason.values()[0], null, daysAfterNow(2)),
                new ResidencePermitApplied("permit-1", CASE_ID, daysAfterNow(3)),
                new DeadlineBreached(CASE_ID, "reasonable-grounds-decision", DUE, daysAfterNow(6)),
                new DeadlineBreached(CASE_ID, "reasonable-grounds-decision", DUE, daysAfterNow(6))));
        CaseState state = CaseState.of(events);
        assertThat(state.shelterId()).as("another shelter's placement ended").isEqualTo("shelter-1");
        assertThat(state.permitStatus()).isEqualTo("APPLIED");
        assertThat(state.deadlineBreachFacts()).as("a breach is a fact once").hasSize(1);
        assertThat(state.updatedAt()).isEqualTo(daysAfterNow(6));

        events.add(new PlacementEnded("shelter-1", CASE_ID, PlacementEndReason.values()[0], null, daysAfterNow(7)));
        assertThat(CaseState.of(events).shelterId()).isNull();
    }

    @Test
    void an_adult_who_did_not_consent_is_a_notification_in_the_rule_and_in_the_aggregate() {
        assertThat(CaseState.openingStage(false, false)).isEqualTo(CaseStage.NOTIFICATION);
        assertThat(CaseState.openingStage(true, false)).isEqualTo(CaseStage.AWAITING_REASONABLE_GROUNDS);
        assertThat(CaseState.openingStage(false, true)).isEqualTo(CaseStage.AWAITING_REASONABLE_GROUNDS);
        fixture().givenNoPriorActivity().when(referral(adult("VN"), false))
                .expectEvents(new AnonymousNotificationMade(CASE_ID, REFERENCE, "police", adult("VN"), EXPLOITATION,
                        true, NOW, null));
    }

    private static AggregateTestFixture<ReferralCase> fixture() {
        return referralCaseFixture();
    }

    /** The aggregate accepts the command ({@code rule} null) or refuses it by {@code rule}. */
    private static void expect(ResultValidator<ReferralCase> result, String rule) {
        if (rule == null) {
            result.expectSuccessfulHandlerExecution();
        } else {
            result.expectException(violation(rule));
        }
    }

    private static Matcher<Throwable> violation(String rule) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof CaseRuleViolation v && v.rule().equals(rule);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a CaseRuleViolation of rule " + rule);
            }
        };
    }
}

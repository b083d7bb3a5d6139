package org.nrm.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nrm.referral.Fixtures.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.*;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.model.ReferralCase;

/** Consent as a record: given for scopes, taken by a user of an agency, withdrawn; a withdrawal stops what it covered. */
class ConsentAsARecordTest {

    private static final Actor WORKER = new Actor("ngo-worker-1", "ngo-haven");
    private static final ConsentRecorded SHARING_AND_HANDOVER = new ConsentRecorded(CASE_ID,
            Set.of(ConsentScope.DATA_SHARING, ConsentScope.HANDOVER_ABROAD), Set.of("ngo-haven", "shelter-one"),
            "ngo-worker-1", "ngo-haven", NOW);
    private static final ReferralSubmitted CHILD_WITHOUT_CONSENT = new ReferralSubmitted(CASE_ID, REFERENCE, "police",
            LAN, child("RO"), EXPLOITATION, true, true, true, NOW, Instant.parse("2026-12-04T10:00:00Z"), false);

    private AggregateTestFixture<ReferralCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = referralCaseFixture();
    }

    @Test
    void consent_is_recorded_with_its_scopes_its_agencies_who_took_it_and_when() {
        fixture.given(referralSubmitted())
                .when(new RecordConsent(CASE_ID, Set.of(ConsentScope.DATA_SHARING, ConsentScope.HANDOVER_ABROAD),
                        Set.of("shelter-one", "ngo-haven"), WORKER))
                .expectEvents(SHARING_AND_HANDOVER)
                .expectState(c -> {
                    assertThat(c.consents().sharesWith("ngo-haven")).isTrue();
                    assertThat(c.consents().sharesWith("police")).isFalse();
                    assertThat(c.consents().mayHandOverAbroad()).isTrue();
                });
    }

    @Test
    void consent_without_scopes_agencies_without_data_sharing_or_already_in_force_is_refused_by_name() {
        fixture.given(referralSubmitted())
                .when(new RecordConsent(CASE_ID, Set.of(), Set.of(), WORKER))
                .expectException(rule("missing-scopes"));
        fixture.given(referralSubmitted())
                .when(new RecordConsent(CASE_ID, Set.of(ConsentScope.DATA_SHARING), Set.of(), WORKER))
                .expectException(rule("missing-sharing-agencies"));
        fixture.given(referralSubmitted())
                .when(new RecordConsent(CASE_ID, Set.of(ConsentScope.HANDOVER_ABROAD), Set.of("ngo-haven"), WORKER))
                .expectException(rule("sharing-agencies-without-data-sharing"));
        fixture.given(referralSubmitted())
                .when(new RecordConsent(CASE_ID, Set.of(ConsentScope.REFERRAL), Set.of(), WORKER))
                .expectException(rule("consent-already-in-force"));
        fixture.given(referralSubmitted(), SHARING_AND_HANDOVER)
                .when(new RecordConsent(CASE_ID, Set.of(ConsentScope.DATA_SHARING), Set.of("ngo-haven"), WORKER))
                .expectException(rule("consent-already-in-force"));
        fixture.given(new AnonymousNotificationMade(CASE_ID, REFERENCE, "police", adult("VN"), EXPLOITATION, true, NOW))
                .when(new RecordConsent(CASE_ID, Set.of(ConsentScope.HANDOVER_ABROAD), Set.of(), WORKER))
                .expectException(rule("notification-is-not-a-case"));
    }

    @Test
    void withdrawing_data_sharing_for_one_agency_keeps_the_others() {
        fixture.given(referralSubmitted(), SHARING_AND_HANDOVER)
                .when(new WithdrawConsent(CASE_ID, ConsentScope.DATA_SHARING, Set.of("shelter-one"),
                        PersonalText.of("Does not want the shelter to know"), WORKER))
                .expectEvents(new ConsentWithdrawn(CASE_ID, ConsentScope.DATA_SHARING, Set.of("shelter-one"),
                        PersonalText.of("Does not want the shelter to know"), "ngo-worker-1", "ngo-haven", NOW, false))
                .expectState(c -> {
                    assertThat(c.consents().sharesWith("shelter-one")).isFalse();
                    assertThat(c.consents().sharingWithdrawnFrom("shelter-one")).isTrue();
                    assertThat(c.consents().sharesWith("ngo-haven")).isTrue();
                    assertThat(c.consents().inForce(ConsentScope.DATA_SHARING)).isTrue();
                });
    }

    @Test
    void withdrawing_a_consent_never_given_or_already_withdrawn_is_refused_by_name() {
        fixture.given(referralSubmitted())
                .when(new WithdrawConsent(CASE_ID, ConsentScope.HANDOVER_ABROAD, Set.of(), null, WORKER))
                .expectException(rule("consent-never-given")).expectNoEvents();
        fixture.given(referralSubmitted(), SHARING_AND_HANDOVER)
                .when(new WithdrawConsent(CASE_ID, ConsentScope.DATA_SHARING, Set.of("police"), null, WORKER))
                .expectException(rule("consent-never-given")).expectNoEvents();
        var withdrawn = new ConsentWithdrawn(CASE_ID, ConsentScope.HANDOVER_ABROAD, Set.of(), null, "u", "ngo-haven",
                NOW, false);
        fixture.given(referralSubmitted(), SHARING_AND_HANDOVER, withdrawn)
                .when(new WithdrawConsent(CASE_ID, ConsentScope.HANDOVER_ABROAD, Set.of(), null, WORKER))
                .expectException(rule("consent-already-withdrawn")).expectNoEvents();
        fixture.given(referralSubmitted(), SHARING_AND_HANDOVER)
                .when(new WithdrawConsent(CASE_ID, ConsentScope.HANDOVER_ABROAD, Set.of("ngo-haven"), null, WORKER))
                .expectException(rule("agencies-only-for-data-sharing")).expectNoEvents();
        fixture.given(referralSubmitted(), SHARING_AND_HANDOVER)
                .when(new WithdrawConsent(CASE_ID, null, Set.of(), null, WORKER))
                .expectException(rule("missing-scope")).expectNoEvents();
    }

    @Test
    void a_handover_abroad_is_refused_once_its_consent_is_withdrawn_and_when_it_was_never_given() {
        fixture.given(referralSubmitted(), SHARING_AND_HANDOVER)
                .when(new WithdrawConsent(CASE_ID, ConsentScope.HANDOVER_ABROAD, Set.of(), null, WORKER))
                .expectEvents(new ConsentWithdrawn(CASE_ID, ConsentScope.HANDOVER_ABROAD, Set.of(), null,
                        "ngo-worker-1", "ngo-haven", NOW, false))
                .expectState(c -> {
                    assertThat(c.consents().mayHandOverAbroad()).isFalse();
                    assertThatThrownBy(() -> c.consents().requireHandoverAbroad())
                            .isInstanceOfSatisfying(CaseRuleViolation.class,
                                    e -> assertThat(e.rule()).isEqualTo("handover-abroad-consent-withdrawn"));
                });
        fixture.given(referralSubmitted())
                .when(new RecordDeadlineBreach(CASE_ID, "x", NOW))
                .expectState(c -> assertThatThrownBy(() -> c.consents().requireHandoverAbroad())
                        .isInstanceOfSatisfying(CaseRuleViolation.class,
                                e -> assertThat(e.rule()).isEqualTo("no-handover-abroad-consent")));
        fixture.given(referralSubmitted(), SHARING_AND_HANDOVER)
                .when(new RecordDeadlineBreach(CASE_ID, "x", NOW))
                .expectState(c -> c.consents().requireHandoverAbroad());
    }

    /**
     * An adult who withdraws consent to the referral leaves the mechanism: the case is closed as withdrawn (the
     * anonymous facts stay for the duty to notify). It is reopened only after the person consents again.
     */
    @Test
    void an_adult_withdrawing_consent_to_referral_closes_the_case_as_withdrawn_and_it_reopens_only_with_consent_again() {
        var withdrawn = new ConsentWithdrawn(CASE_ID, ConsentScope.REFERRAL, Set.of(), PersonalText.of("Wants out"),
                "ngo-worker-1", "ngo-haven", NOW, true);
        var closed = new CaseClosed(CASE_ID, ClosureCategory.WITHDRAWN,
                PersonalText.of("The person withdrew their consent to the referral."), NOW);
        var events = new ArrayList<Object>(List.of(positiveReasonableGrounds()));
        fixture.given(events.toArray())
                .when(new WithdrawConsent(CASE_ID, ConsentScope.REFERRAL, Set.of(), PersonalText.of("Wants out"), WORKER))
                .expectEvents(withdrawn, closed);
        events.add(withdrawn);
        events.add(closed);
        fixture.given(events.toArray())
                .when(new ReopenCase(CASE_ID, PersonalText.of("Back")))
                .expectException(rule("consent-to-referral-withdrawn"));
        fixture.given(events.toArray())
                .when(new RecordConsent(CASE_ID, Set.of(ConsentScope.HANDOVER_ABROAD), Set.of(), WORKER))
                .expectException(rule("case-closed"));
        fixture.given(events.toArray())
                .when(new RecordConsent(CASE_ID, Set.of(ConsentScope.REFERRAL), Set.of(), WORKER))
                .expectEvents(new ConsentRecorded(CASE_ID, Set.of(ConsentScope.REFERRAL), Set.of(), "ngo-worker-1",
                        "ngo-haven", NOW));
        events.add(new ConsentRecorded(CASE_ID, Set.of(ConsentScope.REFERRAL), Set.of(), "u", "ngo-haven", NOW));
        fixture.given(events.toArray())
                .when(new ReopenCase(CASE_ID, PersonalText.of("Back")))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_child_withdrawing_consent_to_referral_stays_in_the_mechanism() {
        var consenting = new ReferralSubmitted(CASE_ID, REFERENCE, "police", LAN, child("RO"), EXPLOITATION, true,
                true, true, NOW, Instant.parse("2026-12-04T10:00:00Z"), true);
        fixture.given(consenting)
                .when(new WithdrawConsent(CASE_ID, ConsentScope.REFERRAL, Set.of(), null, WORKER))
                .expectEvents(new ConsentWithdrawn(CASE_ID, ConsentScope.REFERRAL, Set.of(), null, "ngo-worker-1",
                        "ngo-haven", NOW, false));
    }

    /** Old events: a referral without the consent field and a notification's consent read as consent to referral. */
    @Test
    void old_events_read_as_consent_to_referral() {
        var old = new ReferralSubmitted(CASE_ID, REFERENCE, "police", LAN, adult("VN"), EXPLOITATION, false, true,
                true, NOW, Instant.parse("2026-12-04T10:00:00Z"), null);
        fixture.given(old)
                .when(new WithdrawConsent(CASE_ID, ConsentScope.REFERRAL, Set.of(), null, WORKER))
                .expectSuccessfulHandlerExecution();
        fixture.given(new AnonymousNotificationMade(CASE_ID, REFERENCE, "police", adult("VN"), EXPLOITATION, true, NOW),
                        new ConsentGiven(CASE_ID, LAN, false, NOW, Instant.parse("2026-12-04T10:00:00Z")))
                .when(new RecordConsent(CASE_ID, Set.of(ConsentScope.REFERRAL), Set.of(), WORKER))
                .expectException(rule("consent-already-in-force"));
    }

    /** Item 3: an adult found after the reasonable-grounds decision must consent before the conclusive decision. */
    @Test
    void an_adult_assessed_after_the_reasonable_grounds_decision_without_consent_is_asked_and_consents_before_the_conclusive_decision() {
        var rg = new ReasonableGroundsDecided(CASE_ID, GroundsOutcome.POSITIVE, PersonalText.of("Credible"), NOW, null);
        var recovery = new RecoveryPeriodStarted(CASE_ID, NOW, daysAfterNow(-1));
        fixture.given(CHILD_WITHOUT_CONSENT, rg, recovery)
                .when(new RecordAgeAssessment(CASE_ID, AgeAssessmentOutcome.ADULT))
                .expectEvents(new AgeAssessed(CASE_ID, AgeAssessmentOutcome.ADULT, NOW, false, true));
        var assessed = new AgeAssessed(CASE_ID, AgeAssessmentOutcome.ADULT, NOW, false, true);
        fixture.given(CHILD_WITHOUT_CONSENT, rg, recovery, assessed)
                .when(new RecordConclusiveGroundsDecision(CASE_ID, GroundsOutcome.POSITIVE, "Victim"))
                .expectException(rule("consent-to-referral-required")).expectNoEvents();
        fixture.given(CHILD_WITHOUT_CONSENT, rg, recovery, assessed,
                        new ConsentRecorded(CASE_ID, Set.of(ConsentScope.REFERRAL), Set.of(), "u", "police", NOW))
                .when(new RecordConclusiveGroundsDecision(CASE_ID, GroundsOutcome.POSITIVE, "Victim"))
                .expectSuccessfulHandlerExecution();
        // a child found a child: nothing asked
        fixture.given(CHILD_WITHOUT_CONSENT, rg, recovery)
                .when(new RecordAgeAssessment(CASE_ID, AgeAssessmentOutcome.CHILD))
                .expectEvents(new AgeAssessed(CASE_ID, AgeAssessmentOutcome.CHILD, NOW, false, false));
    }

    private static org.hamcrest.Matcher<CaseRuleViolation> rule(String name) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CaseRuleViolation e) {
                return name.equals(e.rule());
            }

            @Override
            public void describeTo(org.hamcrest.Description d) {
                d.appendText("rule " + name);
            }
        };
    }
}

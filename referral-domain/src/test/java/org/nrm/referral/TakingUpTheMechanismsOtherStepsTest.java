package org.nrm.referral;

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

/** Identification updates, border-crossing documents, move-on support's end, consent after an age assessment, reopening. */
class TakingUpTheMechanismsOtherStepsTest {

    private static final CaseClosed CLOSED = new CaseClosed(CASE_ID, ClosureCategory.LOST_CONTACT, PersonalText.of("No contact"), NOW);
    private static final ReferralSubmitted CHILD_WITHOUT_CONSENT = new ReferralSubmitted(CASE_ID, REFERENCE, "police",
            LAN, child("RO"), EXPLOITATION, true, true, true, NOW, Instant.parse("2026-12-04T10:00:00Z"), false);

    private AggregateTestFixture<ReferralCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = referralCaseFixture();
    }

    @Test
    void identification_is_updated_with_new_indicators_while_the_case_is_open() {
        var updated = new Exploitation(Set.of(ExploitationType.FORCED_LABOUR, ExploitationType.FORCED_CRIMINALITY),
                ExploitationLocation.OVERSEAS, Set.of(Indicator.THREATS, Indicator.WAGES_WITHHELD));
        fixture.given(referralSubmitted())
                .when(new UpdateIdentification(CASE_ID, updated))
                .expectEvents(new IdentificationUpdated(CASE_ID, updated, NOW));
        // the same identification again records nothing: neither as recorded at referral nor as last updated
        fixture.given(referralSubmitted())
                .when(new UpdateIdentification(CASE_ID, EXPLOITATION))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(referralSubmitted(), new IdentificationUpdated(CASE_ID, updated, NOW))
                .when(new UpdateIdentification(CASE_ID, updated, ExploitationDetails.NONE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        // a change of the details alone is a change
        var details = new ExploitationDetails(AgeBand.AGE_18_20, null, List.of("DE"), null, null, null, null);
        fixture.given(referralSubmitted(), new IdentificationUpdated(CASE_ID, updated, NOW))
                .when(new UpdateIdentification(CASE_ID, updated, details))
                .expectEvents(new IdentificationUpdated(CASE_ID, updated, NOW, details));
        fixture.given(referralSubmitted(), CLOSED)
                .when(new UpdateIdentification(CASE_ID, updated))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void the_documents_used_to_cross_the_border_are_recorded() {
        fixture.given(referralSubmitted())
                .when(new RecordTravelDocuments(CASE_ID, BorderCrossingDocuments.SOMEONE_ELSES,
                        new PersonalText("Passport of a cousin")))
                .expectEvents(new TravelDocumentsRecorded(CASE_ID, BorderCrossingDocuments.SOMEONE_ELSES,
                        new PersonalText("Passport of a cousin"), NOW));
        fixture.given(referralSubmitted())
                .when(new RecordTravelDocuments(CASE_ID, null, null))
                .expectException(CaseRuleViolation.class);
    }

    @Test
    void the_mechanism_ends_move_on_support_only_at_its_end_and_an_agency_may_end_it_early_with_a_reason() {
        fixture.given(positiveConclusiveGrounds())
                .when(EndMoveOnSupport.atPeriodEnd(CASE_ID))
                .expectNoEvents()
                .expectResultMessagePayload(Deadlines.none().with(Deadlines.Deadline.MOVE_ON_SUPPORT_ENDS, daysAfterNow(75)));
        fixture.given(positiveConclusiveGrounds())
                .when(new EndMoveOnSupport(CASE_ID, new PersonalText("Moved into own flat")))
                .expectEvents(new MoveOnSupportEnded(CASE_ID, NOW, true, new PersonalText("Moved into own flat")))
                .expectResultMessagePayload(Deadlines.none().with(Deadlines.Deadline.MOVE_ON_SUPPORT_ENDED, NOW));
        fixture.given(referralSubmitted())
                .when(new EndMoveOnSupport(CASE_ID, new PersonalText("Moved")))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("move-on"));
        var ended = new ArrayList<>(List.of(positiveConclusiveGrounds()));
        ended.add(new MoveOnSupportEnded(CASE_ID, NOW, true, new PersonalText("Moved")));
        fixture.given(ended.toArray())
                .when(EndMoveOnSupport.atPeriodEnd(CASE_ID))
                .expectNoEvents();
    }

    @Test
    void a_child_referred_without_consent_and_assessed_as_an_adult_must_consent_and_waits_as_a_notification() {
        fixture.given(CHILD_WITHOUT_CONSENT)
                .when(new RecordAgeAssessment(CASE_ID, AgeAssessmentOutcome.ADULT))
                .expectEvents(new AgeAssessed(CASE_ID, AgeAssessmentOutcome.ADULT, NOW, true));
        fixture.given(CHILD_WITHOUT_CONSENT, new AgeAssessed(CASE_ID, AgeAssessmentOutcome.ADULT, NOW, true))
                .when(new RecordReasonableGroundsDecision(CASE_ID, GroundsOutcome.POSITIVE, "Credible"))
                .expectException(CaseRuleViolation.class);
        fixture.given(CHILD_WITHOUT_CONSENT, new AgeAssessed(CASE_ID, AgeAssessmentOutcome.ADULT, NOW, true))
                .when(new GiveConsent(CASE_ID, LAN, false))
                .expectEvents(new ConsentGiven(CASE_ID, LAN, false, NOW, Instant.parse("2026-12-04T10:00:00Z")));
        var consenting = new ReferralSubmitted(CASE_ID, REFERENCE, "police", LAN, child("RO"), EXPLOITATION, true,
                true, true, NOW, Instant.parse("2026-12-04T10:00:00Z"), true);
        fixture.given(consenting)
                .when(new RecordAgeAssessment(CASE_ID, AgeAssessmentOutcome.ADULT))
                .expectEvents(new AgeAssessed(CASE_ID, AgeAssessmentOutcome.ADULT, NOW, false));
    }

    @Test
    void a_case_closed_in_its_recovery_period_is_taken_up_again_in_its_recovery_period() {
        var events = new ArrayList<>(List.of(positiveReasonableGrounds()));
        events.add(CLOSED);
        fixture.given(events.toArray())
                .when(new ReopenCase(CASE_ID, new PersonalText("Back in contact")))
                .expectEvents(new CaseReopened(CASE_ID, new PersonalText("Back in contact"), CaseStage.RECOVERY_PERIOD,
                        ResumePoint.RECOVERY_PERIOD, false, false, null, null, daysAfterNow(30), null, NOW));
    }

    @Test
    void a_case_closed_after_its_conclusive_decision_is_taken_up_at_the_durable_solution() {
        var events = new ArrayList<>(List.of(positiveConclusiveGrounds()));
        events.add(CLOSED);
        fixture.given(events.toArray())
                .when(new ReopenCase(CASE_ID, new PersonalText("Needs support again")))
                .expectEvents(new CaseReopened(CASE_ID, new PersonalText("Needs support again"), CaseStage.SUPPORT,
                        ResumePoint.DURABLE_SOLUTION, false, false, null, null, null, null, NOW));
    }

    @Test
    void a_case_closed_during_a_voluntary_return_is_taken_up_in_the_return_and_after_a_new_choice_at_it() {
        var events = new ArrayList<>(List.of(positiveConclusiveGrounds()));
        events.add(new DurableSolutionChosen(CASE_ID, DurableSolution.VOLUNTARY_RETURN, null, NOW));
        events.add(new VoluntaryReturnRequested(CASE_ID, "return-1", "VN", NOW));
        events.add(CLOSED);
        fixture.given(events.toArray())
                .when(new ReopenCase(CASE_ID, new PersonalText("Back in contact")))
                .expectEvents(new CaseReopened(CASE_ID, new PersonalText("Back in contact"), CaseStage.RETURN,
                        ResumePoint.VOLUNTARY_RETURN, false, false, null, null, null, null, NOW));

        // the return was abandoned and integration chosen instead: no return to resume
        var chosenAgain = new ArrayList<>(events.subList(0, events.size() - 1));
        chosenAgain.add(new DurableSolutionChosen(CASE_ID, DurableSolution.INTEGRATION, null, NOW));
        chosenAgain.add(CLOSED);
        fixture.given(chosenAgain.toArray())
                .when(new ReopenCase(CASE_ID, new PersonalText("Back in contact")))
                .expectEvents(new CaseReopened(CASE_ID, new PersonalText("Back in contact"), CaseStage.SUPPORT,
                        ResumePoint.DURABLE_SOLUTION, false, false, null, null, null, null, NOW));
    }

    @Test
    void a_case_closed_in_its_reconsideration_window_is_taken_up_in_the_window_and_after_it_at_closure() {
        var negative = new ReasonableGroundsDecided(CASE_ID, GroundsOutcome.NEGATIVE, PersonalText.of("No"), NOW, daysAfterNow(30));
        fixture.given(referralSubmitted(), negative, CLOSED)
                .when(new ReopenCase(CASE_ID, new PersonalText("New evidence coming")))
                .expectEvents(new CaseReopened(CASE_ID, new PersonalText("New evidence coming"),
                        CaseStage.AWAITING_REASONABLE_GROUNDS, ResumePoint.RECONSIDERATION_WINDOW, false, false,
                        DecisionKind.REASONABLE_GROUNDS, null, null, daysAfterNow(30), NOW));
    }

    @Test
    void an_erased_case_is_not_reopened() {
        fixture.given(referralSubmitted(), CLOSED, new PersonalDataErased(CASE_ID, ErasureGround.DATA_SUBJECT_REQUEST, PersonalText.of("Request"), NOW))
                .when(new ReopenCase(CASE_ID, new PersonalText("Back")))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
    }
}

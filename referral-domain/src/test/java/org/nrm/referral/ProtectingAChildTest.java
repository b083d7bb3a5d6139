package org.nrm.referral;

import static org.nrm.referral.Fixtures.*;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.*;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.model.ReferralCase;

class ProtectingAChildTest {

    private static final ReferralSubmitted CHILD_REFERRED = new ReferralSubmitted(CASE_ID, REFERENCE, "police", LAN,
            child("RO"), EXPLOITATION, true, true, true, NOW, Instant.parse("2026-12-04T10:00:00Z"));
    private static final GuardianDetails GUARDIAN = new GuardianDetails("Ana Popescu");

    private AggregateTestFixture<ReferralCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = referralCaseFixture();
    }

    @Test
    void a_guardian_is_appointed_for_a_child() {
        fixture.given(CHILD_REFERRED)
                .when(new AppointGuardian(CASE_ID, GUARDIAN))
                .expectEvents(new GuardianAppointed(CASE_ID, GUARDIAN, NOW));
    }

    @Test
    void an_adult_is_not_appointed_a_guardian() {
        fixture.given(referralSubmitted())
                .when(new AppointGuardian(CASE_ID, GUARDIAN))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_second_guardian_is_a_replacement_with_a_reason() {
        fixture.given(CHILD_REFERRED, new GuardianAppointed(CASE_ID, GUARDIAN, NOW))
                .when(new AppointGuardian(CASE_ID, new GuardianDetails("Someone Else")))
                .expectException(CaseRuleViolation.class);
        fixture.given(CHILD_REFERRED, new GuardianAppointed(CASE_ID, GUARDIAN, NOW))
                .when(new ReplaceGuardian(CASE_ID, new GuardianDetails("Someone Else"),
                        GuardianReplacementGround.CONFLICT_OF_INTEREST, new PersonalText("Conflict of interest")))
                .expectEvents(new GuardianReplaced(CASE_ID, new GuardianDetails("Someone Else"),
                        GuardianReplacementGround.CONFLICT_OF_INTEREST, new PersonalText("Conflict of interest"), NOW));
    }

    @Test
    void a_guardian_cannot_be_replaced_without_a_reason() {
        fixture.given(CHILD_REFERRED, new GuardianAppointed(CASE_ID, GUARDIAN, NOW))
                .when(new ReplaceGuardian(CASE_ID, new GuardianDetails("Someone Else"), GuardianReplacementGround.OTHER,
                        new PersonalText("")))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void an_age_assessment_of_adult_takes_the_person_off_the_child_pathway() {
        fixture.given(CHILD_REFERRED, new AgeAssessed(CASE_ID, AgeAssessmentOutcome.ADULT, NOW))
                .when(new AppointGuardian(CASE_ID, GUARDIAN))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void the_age_is_assessed_once() {
        fixture.given(CHILD_REFERRED)
                .when(new RecordAgeAssessment(CASE_ID, AgeAssessmentOutcome.CHILD))
                .expectEvents(new AgeAssessed(CASE_ID, AgeAssessmentOutcome.CHILD, NOW));
        fixture.given(CHILD_REFERRED, new AgeAssessed(CASE_ID, AgeAssessmentOutcome.CHILD, NOW))
                .when(new RecordAgeAssessment(CASE_ID, AgeAssessmentOutcome.ADULT))
                .expectException(CaseRuleViolation.class);
    }

    @Test
    void a_childs_durable_solution_needs_a_best_interests_assessment() {
        var events = new java.util.ArrayList<Object>(java.util.List.of(positiveConclusiveGrounds()));
        events.set(0, CHILD_REFERRED);
        fixture.given(events)
                .when(new ChooseDurableSolution(CASE_ID, DurableSolution.INTEGRATION, null))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("best-interests"));
        var assessment = new PersonalText("Stable placement with foster family; school enrolled");
        fixture.given(events)
                .when(new ChooseDurableSolution(CASE_ID, DurableSolution.INTEGRATION, assessment))
                .expectEvents(new DurableSolutionChosen(CASE_ID, DurableSolution.INTEGRATION, assessment, NOW));
    }
}

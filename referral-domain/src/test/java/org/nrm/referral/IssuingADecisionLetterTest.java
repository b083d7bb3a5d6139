package org.nrm.referral;

import static org.nrm.referral.Fixtures.CASE_ID;
import static org.nrm.referral.Fixtures.EXPLOITATION;
import static org.nrm.referral.Fixtures.LAN;
import static org.nrm.referral.Fixtures.NOW;
import static org.nrm.referral.Fixtures.REFERENCE;
import static org.nrm.referral.Fixtures.child;
import static org.nrm.referral.Fixtures.referralCaseFixture;
import static org.nrm.referral.Fixtures.referralSubmitted;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.CaseClosed;
import org.nrm.referral.api.ClosureCategory;
import org.nrm.referral.api.DecisionLetterIssued;
import org.nrm.referral.api.DecisionLetterKind;
import org.nrm.referral.api.GroundsOutcome;
import org.nrm.referral.api.GuardianAppointed;
import org.nrm.referral.api.GuardianDetails;
import org.nrm.referral.api.IssueDecisionLetter;
import org.nrm.referral.api.LetterAddressee;
import org.nrm.referral.api.PersonalDataErased;
import org.nrm.referral.api.ErasureGround;
import org.nrm.referral.api.PersonalText;
import org.nrm.referral.api.ReasonableGroundsDecided;
import org.nrm.referral.api.ReferralSubmitted;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.model.ReferralCase;

class IssuingADecisionLetterTest {

    private static final ReasonableGroundsDecided NEGATIVE = new ReasonableGroundsDecided(CASE_ID,
            GroundsOutcome.NEGATIVE, PersonalText.of("No indicators"), NOW, Instant.parse("2026-12-27T10:00:00Z"));

    private AggregateTestFixture<ReferralCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = referralCaseFixture();
    }

    @Test
    void an_adults_letter_is_addressed_to_the_person_and_recorded_without_personal_data() {
        fixture.given(referralSubmitted(), NEGATIVE)
                .when(new IssueDecisionLetter(CASE_ID, 1, "fra"))
                .expectEvents(new DecisionLetterIssued(CASE_ID, 1, DecisionLetterKind.REASONABLE_GROUNDS,
                        LetterAddressee.PERSON, "fra", NOW))
                .expectResultMessagePayload(LetterAddressee.PERSON);
    }

    @Test
    void a_letter_can_be_issued_after_the_case_is_closed() {
        fixture.given(referralSubmitted(), NEGATIVE,
                        new CaseClosed(CASE_ID, ClosureCategory.WITHDRAWN, PersonalText.of("Gone"), NOW))
                .when(new IssueDecisionLetter(CASE_ID, 1, "eng"))
                .expectEvents(new DecisionLetterIssued(CASE_ID, 1, DecisionLetterKind.REASONABLE_GROUNDS,
                        LetterAddressee.PERSON, "eng", NOW));
    }

    @Test
    void a_childs_letter_goes_to_the_guardian_and_waits_for_one() {
        ReferralSubmitted childReferral = new ReferralSubmitted(CASE_ID, REFERENCE, "police", LAN, child("RO"),
                EXPLOITATION, true, true, true, NOW, Instant.parse("2026-12-04T10:00:00Z"));
        fixture.given(childReferral, NEGATIVE)
                .when(new IssueDecisionLetter(CASE_ID, 1, "eng"))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("guardian"))
                .expectNoEvents();
        fixture.given(childReferral, new GuardianAppointed(CASE_ID, new GuardianDetails("Ana Popescu"), NOW), NEGATIVE)
                .when(new IssueDecisionLetter(CASE_ID, 2, "ron"))
                .expectEvents(new DecisionLetterIssued(CASE_ID, 2, DecisionLetterKind.REASONABLE_GROUNDS,
                        LetterAddressee.GUARDIAN, "ron", NOW));
    }

    @Test
    void only_a_decision_has_a_letter_and_none_once_the_person_is_erased() {
        fixture.given(referralSubmitted(), NEGATIVE)
                .when(new IssueDecisionLetter(CASE_ID, 0, "eng"))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("no decision 0"))
                .expectNoEvents();
        fixture.given(referralSubmitted(), NEGATIVE,
                        new PersonalDataErased(CASE_ID, ErasureGround.OTHER, PersonalText.of("Asked"), NOW))
                .when(new IssueDecisionLetter(CASE_ID, 1, "eng"))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("erased"))
                .expectNoEvents();
    }
}

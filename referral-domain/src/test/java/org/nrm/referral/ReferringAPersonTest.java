package org.nrm.referral;

import static org.nrm.referral.Fixtures.CASE_ID;
import static org.nrm.referral.Fixtures.EXPLOITATION;
import static org.nrm.referral.Fixtures.LAN;
import static org.nrm.referral.Fixtures.NOW;
import static org.nrm.referral.Fixtures.REFERENCE;
import static org.nrm.referral.Fixtures.adult;
import static org.nrm.referral.Fixtures.child;
import static org.nrm.referral.Fixtures.referral;
import static org.nrm.referral.Fixtures.referralCaseFixture;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.time.LocalDate;
import java.util.Set;
import org.nrm.referral.api.AgeBand;
import org.nrm.referral.api.AgeGroup;
import org.nrm.referral.api.AnonymousNotificationMade;
import org.nrm.referral.api.Exploitation;
import org.nrm.referral.api.ExploitationDetails;
import org.nrm.referral.api.ExploitationLocation;
import org.nrm.referral.api.ExploitationType;
import org.nrm.referral.api.IdentificationUpdated;
import org.nrm.referral.api.UpdateIdentification;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.api.ExploitationDuration;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.GroundsOutcome;
import org.nrm.referral.api.LabourSector;
import org.nrm.referral.api.PersonProfile;
import org.nrm.referral.api.RecordReasonableGroundsDecision;
import org.nrm.referral.api.RecruiterRelation;
import org.nrm.referral.api.RecruitmentMethod;
import org.nrm.referral.api.ReferralSubmitted;
import org.nrm.referral.api.SubmitReferral;
import org.nrm.referral.model.ReferralCase;

class ReferringAPersonTest {

    private AggregateTestFixture<ReferralCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = referralCaseFixture();
    }

    @Test
    void a_consenting_foreign_adult_is_referred_and_awaits_reasonable_grounds_within_five_working_days() {
        // referred on a Friday: five working days later is the next Friday
        fixture.givenNoPriorActivity()
                .when(referral(adult("VN"), true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReferralSubmitted(CASE_ID, REFERENCE, "police", LAN, adult("VN"), EXPLOITATION,
                        false, true, true, NOW, Instant.parse("2026-12-04T10:00:00Z"), true));
    }

    @Test
    void a_national_of_the_jurisdiction_is_not_a_foreign_national() {
        fixture.givenNoPriorActivity()
                .when(referral(adult("GB"), true))
                .expectEvents(new ReferralSubmitted(CASE_ID, REFERENCE, "police", LAN, adult("GB"), EXPLOITATION,
                        false, false, true, NOW, Instant.parse("2026-12-04T10:00:00Z"), true));
    }

    @Test
    void an_adult_who_does_not_consent_gives_an_anonymous_notification_without_personal_data() {
        fixture.givenNoPriorActivity()
                .when(referral(adult("VN"), false))
                .expectEvents(new AnonymousNotificationMade(CASE_ID, REFERENCE, "police", adult("VN"), EXPLOITATION,
                        true, NOW));
    }

    @Test
    void a_child_needs_no_consent_to_be_referred() {
        fixture.givenNoPriorActivity()
                .when(referral(child("RO"), false))
                .expectEvents(new ReferralSubmitted(CASE_ID, REFERENCE, "police", LAN, child("RO"), EXPLOITATION,
                        true, true, true, NOW, Instant.parse("2026-12-04T10:00:00Z"), false));
    }

    @Test
    void a_person_of_uncertain_age_is_treated_as_a_child() {
        var uncertain = new PersonProfile(Gender.FEMALE, AgeGroup.ADULT, true, List.of("NG"), List.of("eng"));
        fixture.givenNoPriorActivity()
                .when(referral(uncertain, false))
                .expectEvents(new ReferralSubmitted(CASE_ID, REFERENCE, "police", LAN, uncertain, EXPLOITATION,
                        true, true, true, NOW, Instant.parse("2026-12-04T10:00:00Z"), false));
    }

    private static final ExploitationDetails DETAILS = new ExploitationDetails(AgeBand.AGE_21_23,
            ExploitationDuration.YEARS_1_TO_2, List.of("DE", "XK"),
            Set.of(RecruiterRelation.FRIEND), Set.of(RecruitmentMethod.THROUGH_ONLINE_SOCIAL_NETWORKS),
            Set.of(LabourSector.AGRICULTURE), Set.of());

    @Test
    void the_circumstances_of_the_exploitation_travel_on_the_referral_and_on_an_anonymous_notification() {
        fixture.givenNoPriorActivity()
                .when(new SubmitReferral(CASE_ID, REFERENCE, "police", LAN, adult("VN"), EXPLOITATION, true, true,
                        DETAILS))
                .expectEvents(new ReferralSubmitted(CASE_ID, REFERENCE, "police", LAN, adult("VN"), EXPLOITATION,
                        false, true, true, NOW, Instant.parse("2026-12-04T10:00:00Z"), true, DETAILS));
        referralCaseFixture().givenNoPriorActivity()
                .when(new SubmitReferral(CASE_ID, REFERENCE, "police", LAN, adult("VN"), EXPLOITATION, false, true,
                        DETAILS))
                .expectEvents(new AnonymousNotificationMade(CASE_ID, REFERENCE, "police", adult("VN"), EXPLOITATION,
                        true, NOW, DETAILS));
    }

    @Test
    void an_identification_update_the_recorded_circumstances_no_longer_agree_with_is_refused_unless_it_corrects_them() {
        var referred = new ReferralSubmitted(CASE_ID, REFERENCE, "police", LAN, adult("VN"),
                new Exploitation(Set.of(ExploitationType.FORCED_LABOUR), ExploitationLocation.OVERSEAS, Set.of()),
                false, true, true, NOW, Instant.parse("2026-12-04T10:00:00Z"), true, DETAILS);
        var domestic = new Exploitation(Set.of(ExploitationType.FORCED_LABOUR), ExploitationLocation.DOMESTIC, Set.of());
        fixture.given(referred)
                .when(new UpdateIdentification(CASE_ID, domestic))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString(
                        "exploitationDetails.countriesOfExploitation only for exploitation abroad"))
                .expectNoEvents();
        var sexualAbroad = new Exploitation(Set.of(ExploitationType.SEXUAL), ExploitationLocation.OVERSEAS, Set.of());
        referralCaseFixture().given(referred)
                .when(new UpdateIdentification(CASE_ID, sexualAbroad))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("exploitationDetails.labourSectors"))
                .expectNoEvents();

        var corrected = new ExploitationDetails(AgeBand.AGE_21_23, ExploitationDuration.YEARS_1_TO_2, List.of(),
                Set.of(RecruiterRelation.FRIEND), Set.of(), Set.of(LabourSector.AGRICULTURE), Set.of());
        referralCaseFixture().given(referred)
                .when(new UpdateIdentification(CASE_ID, domestic, corrected))
                .expectEvents(new IdentificationUpdated(CASE_ID, domestic, NOW, corrected));
        var moreAbroad = new Exploitation(Set.of(ExploitationType.FORCED_LABOUR, ExploitationType.BEGGING),
                ExploitationLocation.DOMESTIC_AND_OVERSEAS, Set.of());
        referralCaseFixture().given(referred)
                .when(new UpdateIdentification(CASE_ID, moreAbroad))
                .expectEvents(new IdentificationUpdated(CASE_ID, moreAbroad, NOW));
        // after the correction, the corrected details are the ones later updates are held to
        var laterAbroadAndSexual = new Exploitation(Set.of(ExploitationType.SEXUAL), ExploitationLocation.OVERSEAS,
                Set.of());
        referralCaseFixture().given(referred, new IdentificationUpdated(CASE_ID, domestic, NOW, corrected))
                .when(new UpdateIdentification(CASE_ID, laterAbroadAndSexual))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        "countriesOfExploitation")));
    }

    @Test
    void a_referral_recorded_before_the_circumstances_were_kept_still_loads_and_reads_as_none_recorded() {
        ReferralSubmitted old = Fixtures.referralSubmitted();
        org.assertj.core.api.Assertions.assertThat(old.exploitationDetails()).isNull();
        org.assertj.core.api.Assertions.assertThat(old.details()).isEqualTo(ExploitationDetails.NONE);
        org.assertj.core.api.Assertions.assertThat(old.details().countriesOfExploitation()).isEmpty();
        fixture.given(old)
                .when(new RecordReasonableGroundsDecision(CASE_ID, GroundsOutcome.POSITIVE, "Credible account"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void bands_follow_from_the_dates() {
        org.assertj.core.api.Assertions.assertThat(AgeBand.at(LocalDate.of(2004, 3, 1), LocalDate.of(2025, 2, 28)))
                .isEqualTo(AgeBand.AGE_18_20);
        org.assertj.core.api.Assertions.assertThat(AgeBand.at(LocalDate.of(2004, 3, 1), LocalDate.of(2025, 3, 1)))
                .isEqualTo(AgeBand.AGE_21_23);
        org.assertj.core.api.Assertions.assertThat(AgeBand.of(17).minor()).isTrue();
        org.assertj.core.api.Assertions.assertThat(AgeBand.of(90)).isEqualTo(AgeBand.AGE_48_PLUS);
        org.assertj.core.api.Assertions.assertThat(AgeBand.at(LocalDate.of(2004, 3, 1), null)).isNull();
        org.assertj.core.api.Assertions.assertThat(ExploitationDuration.between(LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 1, 31))).isEqualTo(ExploitationDuration.MONTHS_1_TO_6);
        org.assertj.core.api.Assertions.assertThat(ExploitationDuration.between(LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 1, 30))).isEqualTo(ExploitationDuration.LESS_THAN_1_MONTH);
        org.assertj.core.api.Assertions.assertThat(ExploitationDuration.between(LocalDate.of(2025, 2, 1),
                LocalDate.of(2026, 10, 31))).isEqualTo(ExploitationDuration.YEARS_1_TO_2);
        org.assertj.core.api.Assertions.assertThat(ExploitationDuration.between(LocalDate.of(2020, 1, 1),
                LocalDate.of(2026, 1, 1))).isEqualTo(ExploitationDuration.MORE_THAN_5_YEARS);
        org.assertj.core.api.Assertions.assertThat(ExploitationDuration.between(LocalDate.of(2026, 2, 1),
                LocalDate.of(2026, 1, 1))).isNull();
    }
}

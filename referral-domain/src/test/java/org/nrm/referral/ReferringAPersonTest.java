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
import org.nrm.referral.api.AgeGroup;
import org.nrm.referral.api.AnonymousNotificationMade;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.PersonProfile;
import org.nrm.referral.api.ReferralSubmitted;
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
}

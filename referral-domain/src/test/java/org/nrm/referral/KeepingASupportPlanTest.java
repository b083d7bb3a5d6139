package org.nrm.referral;

import static org.nrm.referral.Fixtures.CASE_ID;
import static org.nrm.referral.Fixtures.NOW;
import static org.nrm.referral.Fixtures.fixture;

import java.time.Duration;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.*;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.model.SupportPlan;

/** A case's support plan: needs, referrals to the directory's providers and their answers, reviews (issue #16). */
class KeepingASupportPlanTest {

    private static final String PLAN = "support-plan:" + CASE_ID;
    private static final SupportPlanOpened OPENED = new SupportPlanOpened(PLAN, CASE_ID, "ngo-outreach", NOW,
            NOW.plus(Duration.ofDays(90)));
    private static final SupportNeedAssessed MEDICAL = new SupportNeedAssessed(PLAN, CASE_ID, SupportNeed.MEDICAL,
            null, NOW);
    private static final ServiceProviderOffer CLINIC = new ServiceProviderOffer("clinic", "shelter-provider",
            Set.of(SupportNeed.MEDICAL, SupportNeed.PSYCHOLOGICAL), false);
    private static final ServiceReferred REFERRED = new ServiceReferred(PLAN, CASE_ID, "r1", SupportNeed.MEDICAL,
            "clinic", "shelter-provider", false, true, PersonalText.of("Ground floor"), NOW);

    private AggregateTestFixture<SupportPlan> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(SupportPlan.class, new MutableClock(NOW));
    }

    @Test
    void a_plan_is_opened_with_its_first_review_due_the_jurisdictions_interval_later() {
        fixture.givenNoPriorActivity()
                .when(new OpenSupportPlan(PLAN, CASE_ID, "ngo-outreach", CaseStage.RECOVERY_PERIOD, 90))
                .expectEvents(OPENED);
    }

    @Test
    void a_notification_or_a_closed_case_takes_no_plan() {
        fixture.givenNoPriorActivity()
                .when(new OpenSupportPlan(PLAN, CASE_ID, "ngo-outreach", CaseStage.NOTIFICATION, 90))
                .expectException(CaseRuleViolation.class).expectExceptionMessage(Matchers.containsString("notification"));
        fixture.givenNoPriorActivity()
                .when(new OpenSupportPlan(PLAN, CASE_ID, "ngo-outreach", CaseStage.CLOSED, 90))
                .expectException(CaseRuleViolation.class).expectExceptionMessage(Matchers.containsString("closed"));
    }

    @Test
    void a_need_is_referred_to_a_provider_offering_it_carrying_the_note_only_with_consent() {
        fixture.given(OPENED, MEDICAL)
                .when(new ReferForService(PLAN, "r1", SupportNeed.MEDICAL, CLINIC, false, true, false,
                        PersonalText.of("Ground floor")))
                .expectEvents(REFERRED);
        fixture.given(OPENED, MEDICAL)
                .when(new ReferForService(PLAN, "r1", SupportNeed.MEDICAL, CLINIC, false, false, false,
                        PersonalText.of("Ground floor")))
                .expectEvents(new ServiceReferred(PLAN, CASE_ID, "r1", SupportNeed.MEDICAL, "clinic",
                        "shelter-provider", false, false, null, NOW));
    }

    @Test
    void the_directorys_rules_are_named() {
        fixture.given(OPENED, MEDICAL, new SupportNeedAssessed(PLAN, CASE_ID, SupportNeed.EMPLOYMENT, null, NOW))
                .when(new ReferForService(PLAN, "r1", SupportNeed.EMPLOYMENT, CLINIC, false, false, false, null))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("does not offer EMPLOYMENT"));
        fixture.given(OPENED, MEDICAL)
                .when(new ReferForService(PLAN, "r1", SupportNeed.MEDICAL, CLINIC, true, false, false, null))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("does not take children"));
        fixture.given(OPENED, MEDICAL)
                .when(new ReferForService(PLAN, "r1", SupportNeed.PSYCHOLOGICAL, CLINIC, false, false, false, null))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("has not been assessed"));
        fixture.given(OPENED, MEDICAL)
                .when(new ReferForService(PLAN, "r1", SupportNeed.MEDICAL, CLINIC, false, false, true, null))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("no capacity"));
    }

    @Test
    void a_referral_is_accepted_delivered_and_closed_in_that_order() {
        fixture.given(OPENED, MEDICAL, REFERRED)
                .when(new RecordServiceDelivery(PLAN, "r1", null))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("is referred"));
        fixture.given(OPENED, MEDICAL, REFERRED, new ServiceReferralAccepted(PLAN, CASE_ID, "r1", SupportNeed.MEDICAL,
                        NOW), new ServiceDelivered(PLAN, CASE_ID, "r1", SupportNeed.MEDICAL, null, NOW))
                .when(new CloseServiceReferral(PLAN, "r1", null))
                .expectEvents(new ServiceReferralClosed(PLAN, CASE_ID, "r1", SupportNeed.MEDICAL, true, null, NOW));
    }

    @Test
    void a_decline_needs_a_reason_and_frees_the_need_for_another_referral() {
        fixture.given(OPENED, MEDICAL, REFERRED)
                .when(new DeclineServiceReferral(PLAN, "r1", null))
                .expectException(CaseRuleViolation.class);
        fixture.given(OPENED, MEDICAL, REFERRED)
                .when(new ReferForService(PLAN, "r2", SupportNeed.MEDICAL, CLINIC, false, false, false, null))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("open referral"));
        fixture.given(OPENED, MEDICAL, REFERRED, new ServiceReferralDeclined(PLAN, CASE_ID, "r1", SupportNeed.MEDICAL,
                        PersonalText.of("Full"), NOW))
                .when(new ReferForService(PLAN, "r2", SupportNeed.MEDICAL, CLINIC, false, false, false, null))
                .expectEvents(new ServiceReferred(PLAN, CASE_ID, "r2", SupportNeed.MEDICAL, "clinic",
                        "shelter-provider", false, false, null, NOW));
    }

    @Test
    void a_review_sets_the_next_review_due() {
        fixture.given(OPENED)
                .when(new ReviewSupportPlan(PLAN, PersonalText.of("Doing well"), 30))
                .expectEvents(new SupportPlanReviewed(PLAN, CASE_ID, PersonalText.of("Doing well"), NOW,
                        NOW.plus(Duration.ofDays(30))));
    }
}

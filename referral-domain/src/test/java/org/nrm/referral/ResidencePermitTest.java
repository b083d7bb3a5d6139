package org.nrm.referral;

import static org.nrm.referral.Fixtures.NOW;
import static org.nrm.referral.Fixtures.daysAfterNow;
import static org.nrm.referral.Fixtures.fixture;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.*;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.model.ResidencePermitApplication;

class ResidencePermitTest {

    private static final ResidencePermitApplied APPLIED = new ResidencePermitApplied("permit-1", "case-1", NOW);
    private static final ResidencePermitGranted GRANTED = new ResidencePermitGranted("permit-1", "case-1",
            PermitGround.RECOVERY_NEEDS, daysAfterNow(365), NOW, daysAfterNow(305));

    private MutableClock clock;
    private AggregateTestFixture<ResidencePermitApplication> fixture;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(NOW);
        fixture = fixture(ResidencePermitApplication.class, clock);
    }

    @Test
    void a_permit_is_granted_on_a_ground_with_a_reminder_sixty_days_before_it_ends() {
        fixture.given(APPLIED)
                .when(new GrantResidencePermit("permit-1", PermitGround.RECOVERY_NEEDS, daysAfterNow(365)))
                .expectEvents(GRANTED)
                .expectResultMessagePayload(Deadlines.none().with(Deadlines.Deadline.PERMIT_REMINDER, daysAfterNow(305))
                        .with(Deadlines.Deadline.PERMIT_VALID_UNTIL, daysAfterNow(365)));
    }

    @Test
    void a_permit_valid_until_a_past_date_is_refused() {
        fixture.given(APPLIED)
                .when(new GrantResidencePermit("permit-1", PermitGround.RECOVERY_NEEDS, NOW.minusSeconds(1)))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void an_application_is_decided_once() {
        fixture.given(APPLIED, new ResidencePermitRefused("permit-1", "case-1", PersonalText.of("No ground"), NOW))
                .when(new GrantResidencePermit("permit-1", PermitGround.RECOVERY_NEEDS, daysAfterNow(365)))
                .expectException(CaseRuleViolation.class);
    }

    @Test
    void a_granted_permit_is_renewed_to_a_later_date_only() {
        fixture.given(APPLIED, GRANTED)
                .when(new RenewResidencePermit("permit-1", daysAfterNow(200)))
                .expectException(CaseRuleViolation.class);
        fixture.given(APPLIED, GRANTED)
                .when(new RenewResidencePermit("permit-1", daysAfterNow(730)))
                .expectEvents(new ResidencePermitRenewed("permit-1", "case-1", daysAfterNow(730), NOW, daysAfterNow(670)));
    }

    @Test
    void a_permit_expires_only_once_its_validity_has_ended() {
        fixture.given(APPLIED, GRANTED)
                .when(new ExpireResidencePermit("permit-1"))
                .expectException(CaseRuleViolation.class);
        clock.set(daysAfterNow(365));
        fixture.given(APPLIED, GRANTED)
                .when(new ExpireResidencePermit("permit-1"))
                .expectEvents(new ResidencePermitExpired("permit-1", "case-1", daysAfterNow(365)));
    }

    @Test
    void a_revoked_permit_cannot_be_renewed() {
        fixture.given(APPLIED, GRANTED, new ResidencePermitRevoked("permit-1", "case-1", new PersonalText("Fraud"), NOW))
                .when(new RenewResidencePermit("permit-1", daysAfterNow(730)))
                .expectException(CaseRuleViolation.class);
    }
}

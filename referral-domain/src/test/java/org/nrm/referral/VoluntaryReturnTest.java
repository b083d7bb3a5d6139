package org.nrm.referral;

import static org.nrm.referral.Fixtures.NOW;
import static org.nrm.referral.Fixtures.fixture;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.*;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.model.VoluntaryReturn;

class VoluntaryReturnTest {

    private static final VoluntaryReturnOpened OPENED = new VoluntaryReturnOpened("return-1", "case-1", "VN", NOW);

    private AggregateTestFixture<VoluntaryReturn> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(VoluntaryReturn.class, new MutableClock(NOW));
    }

    private static ReturnRiskAssessed risk(ReturnRisk risk) {
        return new ReturnRiskAssessed("return-1", "case-1", risk, PersonalText.of("assessed"), NOW);
    }

    @Test
    void a_high_risk_of_return_blocks_departure() {
        fixture.given(OPENED, risk(ReturnRisk.HIGH))
                .when(new RecordDeparture("return-1", "IOM Hanoi"))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("HIGH"))
                .expectNoEvents();
    }

    @Test
    void departure_needs_an_assessed_risk() {
        fixture.given(OPENED)
                .when(new RecordDeparture("return-1", "IOM Hanoi"))
                .expectException(CaseRuleViolation.class);
    }

    @Test
    void departure_hands_over_to_the_receiving_organisation_and_schedules_follow_ups_at_three_six_and_twelve_months() {
        // 27 Nov 2026 10:00 UTC in London time, plus 3, 6 and 12 calendar months
        List<Instant> due = List.of(Instant.parse("2027-02-27T10:00:00Z"), Instant.parse("2027-05-27T09:00:00Z"),
                Instant.parse("2027-11-27T10:00:00Z"));
        fixture.given(OPENED, risk(ReturnRisk.LOW))
                .when(new RecordDeparture("return-1", "IOM Hanoi"))
                .expectEvents(new PersonDeparted("return-1", "case-1", PersonalText.of("IOM Hanoi"), NOW, due))
                .expectResultMessagePayload(Deadlines.followUps(due));
    }

    @Test
    void follow_ups_come_after_departure_and_are_numbered() {
        fixture.given(OPENED, risk(ReturnRisk.MEDIUM))
                .when(new RecordReintegrationFollowUp("return-1", FollowUpStatus.ON_TRACK, "ok"))
                .expectException(CaseRuleViolation.class);
        fixture.given(OPENED, risk(ReturnRisk.MEDIUM), new PersonDeparted("return-1", "case-1", PersonalText.of("IOM"), NOW, List.of()),
                        new ReintegrationFollowedUp("return-1", "case-1", 1, FollowUpStatus.ON_TRACK, PersonalText.of("ok"), NOW))
                .when(new RecordReintegrationFollowUp("return-1", FollowUpStatus.AT_RISK, "debts"))
                .expectEvents(new ReintegrationFollowedUp("return-1", "case-1", 2, FollowUpStatus.AT_RISK, PersonalText.of("debts"), NOW));
    }

    @Test
    void a_return_that_has_not_departed_can_be_abandoned_but_not_completed() {
        fixture.given(OPENED, risk(ReturnRisk.HIGH))
                .when(new CompleteVoluntaryReturn("return-1"))
                .expectException(CaseRuleViolation.class);
        fixture.given(OPENED, risk(ReturnRisk.HIGH))
                .when(new AbandonVoluntaryReturn("return-1", "High risk"))
                .expectEvents(new VoluntaryReturnAbandoned("return-1", "case-1", PersonalText.of("High risk"), NOW));
    }
}

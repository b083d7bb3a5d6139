package org.nrm.referral;

import static org.nrm.referral.Fixtures.NOW;
import static org.nrm.referral.Fixtures.fixture;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.*;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.model.Shelter;

class ShelterTest {

    private static final ShelterRegistered TWO_BEDS =
            new ShelterRegistered("women-1", "Safe House North", ShelterType.ADULT_WOMEN, 2, NOW);

    private AggregateTestFixture<Shelter> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(Shelter.class, new MutableClock(NOW));
    }

    @Test
    void a_person_takes_a_free_bed() {
        fixture.given(TWO_BEDS)
                .when(new PlacePerson("women-1", "case-a"))
                .expectEvents(new PersonPlaced("women-1", "case-a", NOW));
    }

    @Test
    void a_placement_beyond_capacity_is_refused_and_the_case_waits() {
        fixture.given(TWO_BEDS, new PersonPlaced("women-1", "case-a", NOW), new PersonPlaced("women-1", "case-b", NOW))
                .when(new PlacePerson("women-1", "case-c"))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("bed"))
                .expectNoEvents();
    }

    @Test
    void a_bed_freed_by_an_exit_can_be_taken_again() {
        fixture.given(TWO_BEDS, new PersonPlaced("women-1", "case-a", NOW), new PersonPlaced("women-1", "case-b", NOW),
                        new PlacementEnded("women-1", "case-a", PersonalText.of("moved on"), NOW))
                .when(new PlacePerson("women-1", "case-c"))
                .expectEvents(new PersonPlaced("women-1", "case-c", NOW));
    }

    @Test
    void a_person_is_not_placed_twice_nor_leaves_a_shelter_they_are_not_in() {
        fixture.given(TWO_BEDS, new PersonPlaced("women-1", "case-a", NOW))
                .when(new PlacePerson("women-1", "case-a"))
                .expectException(CaseRuleViolation.class);
        fixture.given(TWO_BEDS)
                .when(new EndPlacement("women-1", "case-a", "exit"))
                .expectException(CaseRuleViolation.class);
    }

    @Test
    void capacity_never_goes_below_the_beds_in_use() {
        fixture.given(TWO_BEDS, new PersonPlaced("women-1", "case-a", NOW), new PersonPlaced("women-1", "case-b", NOW))
                .when(new ChangeShelterCapacity("women-1", 1))
                .expectException(CaseRuleViolation.class);
        fixture.given(TWO_BEDS, new PersonPlaced("women-1", "case-a", NOW))
                .when(new ChangeShelterCapacity("women-1", 1))
                .expectEvents(new ShelterCapacityChanged("women-1", 1, NOW));
    }
}

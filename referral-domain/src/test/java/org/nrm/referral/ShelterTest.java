package org.nrm.referral;

import static org.hamcrest.Matchers.containsString;
import static org.nrm.referral.Fixtures.NOW;
import static org.nrm.referral.Fixtures.fixture;

import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.*;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.model.Shelter;

class ShelterTest {

    private static final ShelterRegistered TWO_BEDS =
            new ShelterRegistered("women-1", "Safe House North", ShelterType.ADULT_WOMEN, 2, NOW);
    private static final ShelterRegistered MEN = new ShelterRegistered("men-1", "Harbour House", ShelterType.ADULT_MEN,
            5, Set.of(ShelterGroup.ADULT_MEN), null, NOW);
    private static final PlacementCandidate WOMAN = new PlacementCandidate(false, Gender.FEMALE, false);
    private static final PlacementCandidate BOY = new PlacementCandidate(true, Gender.MALE, false);

    private AggregateTestFixture<Shelter> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(Shelter.class, new MutableClock(NOW));
    }

    private static PlacePerson place(String shelter, String caseId, PlacementCandidate who) {
        return new PlacePerson(shelter, caseId, who, null);
    }

    @Test
    void a_shelter_is_registered_with_the_groups_of_its_type_when_none_are_named() {
        fixture.givenNoPriorActivity()
                .when(new RegisterShelter("women-1", "Safe House North", ShelterType.ADULT_WOMEN, 2, null,
                        new PersonalText("1 Secret Lane")))
                .expectEvents(new ShelterRegistered("women-1", "Safe House North", ShelterType.ADULT_WOMEN, 2,
                        Set.of(ShelterGroup.ADULT_WOMEN), new PersonalText("1 Secret Lane"), NOW));
    }

    @Test
    void an_adult_shelter_never_takes_children_as_a_group() {
        fixture.givenNoPriorActivity()
                .when(new RegisterShelter("men-1", "Harbour", ShelterType.ADULT_MEN, 2,
                        Set.of(ShelterGroup.ADULT_MEN, ShelterGroup.CHILDREN), null))
                .expectException(CaseRuleViolation.class).expectNoEvents();
    }

    @Test
    void a_person_takes_a_free_bed() {
        fixture.given(TWO_BEDS)
                .when(place("women-1", "case-a", WOMAN))
                .expectEvents(new PersonPlaced("women-1", "case-a", NOW));
    }

    @Test
    void a_placement_beyond_capacity_is_refused_and_the_case_waits() {
        fixture.given(TWO_BEDS, new PersonPlaced("women-1", "case-a", NOW), new PersonPlaced("women-1", "case-b", NOW))
                .when(place("women-1", "case-c", WOMAN))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(containsString("bed"))
                .expectNoEvents();
    }

    @Test
    void a_child_is_refused_by_an_adult_shelter_without_an_exception() {
        fixture.given(MEN)
                .when(place("men-1", "case-a", BOY))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(containsString("best-interests"))
                .expectNoEvents();
    }

    @Test
    void a_child_is_placed_in_an_adult_shelter_only_with_the_exception_and_its_reason_recorded() {
        var reason = new PersonalText("17, placed with her older sister, as the best-interests assessment found");
        fixture.given(MEN)
                .when(new PlacePerson("men-1", "case-a", BOY, reason))
                .expectEvents(new PersonPlaced("men-1", "case-a", NOW, true, reason));
    }

    @Test
    void an_adult_woman_is_refused_by_a_mens_shelter_and_no_exception_overrides_it() {
        fixture.given(MEN)
                .when(place("men-1", "case-a", WOMAN))
                .expectException(CaseRuleViolation.class).expectNoEvents();
        fixture.given(MEN)
                .when(new PlacePerson("men-1", "case-a", WOMAN, new PersonalText("no room elsewhere")))
                .expectException(CaseRuleViolation.class).expectNoEvents();
    }

    @Test
    void a_bed_freed_by_an_exit_can_be_taken_again() {
        fixture.given(TWO_BEDS, new PersonPlaced("women-1", "case-a", NOW), new PersonPlaced("women-1", "case-b", NOW),
                        new PlacementEnded("women-1", "case-a", PlacementEndReason.MOVED_OUT, null, NOW))
                .when(place("women-1", "case-c", WOMAN))
                .expectEvents(new PersonPlaced("women-1", "case-c", NOW));
    }

    @Test
    void a_person_is_not_placed_twice_nor_leaves_a_shelter_they_are_not_in() {
        fixture.given(TWO_BEDS, new PersonPlaced("women-1", "case-a", NOW))
                .when(place("women-1", "case-a", WOMAN))
                .expectException(CaseRuleViolation.class);
        fixture.given(TWO_BEDS)
                .when(new EndPlacement("women-1", "case-a", PlacementEndReason.MOVED_OUT, null))
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

    @Test
    void an_occupied_shelter_is_not_retired_and_a_retired_one_takes_no_one() {
        fixture.given(TWO_BEDS, new PersonPlaced("women-1", "case-a", NOW))
                .when(new RetireShelter("women-1", null))
                .expectException(CaseRuleViolation.class).expectNoEvents();
        fixture.given(TWO_BEDS, new ShelterRetired("women-1", null, NOW))
                .when(place("women-1", "case-a", WOMAN))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage(containsString("retired"));
    }
}

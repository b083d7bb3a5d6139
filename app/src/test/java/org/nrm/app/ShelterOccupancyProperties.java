package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.PersonalText;
import org.nrm.referral.api.PlacePerson;
import org.nrm.referral.api.PlacementCandidate;
import org.nrm.referral.api.ShelterType;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.model.Shelter;
import org.nrm.workflow.CommandSender;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestContextManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Random valid sequences of placement, move-out, capacity change and closure steps, through the running application
 * (the shared platform of {@link PlatformTest}: the shelter's lock, the aggregate, the jurisdiction's decision table,
 * the subscribing view and the placement endings), never put more people in a shelter than it has beds, nor a child
 * in an adult shelter without a recorded exception; and the view always agrees with the shelter's events.
 *
 * <p>jqwik runs on its own engine, outside Spring's JUnit extension, so the platform is joined through Spring's test
 * context cache: {@link Platform} has exactly {@link PlatformTest}'s configuration and gets the same context.
 * Placements are sent as the {@code shelter-placement} task sends them (its command, in one transaction); the other
 * steps go over HTTP.
 */
class ShelterOccupancyProperties {

    /** The shared platform (same configuration as every {@link PlatformTest}, hence the same cached context). */
    static class Platform extends PlatformTest {

        @Autowired
        CommandSender commands;

        @Autowired
        PlatformTransactionManager transactions;

        Api user(String name) {
            return as(name);
        }

        String referral(Map<String, Object> body) {
            return refer(body);
        }

        /**
         * A positive reasonable-grounds decision over HTTP: the shelter-placement task the mechanism then queues makes
         * the shelter provider involved in the case, as it is in every case it places (its move-out needs that).
         */
        void positiveReasonableGrounds(String caseId) {
            String task = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
            assertThat(as("competent-authority").post("/api/tasks/" + task + "/complete",
                    Map.of("outcome", "POSITIVE", "reasons", "property step")).status()).isEqualTo(204);
            awaitTask("shelter-provider", caseId, "shelter-placement");
        }

        org.springframework.jdbc.core.JdbcTemplate database() {
            return jdbc;
        }
    }

    private static Platform platform;

    @BeforeContainer
    static void joinThePlatform() throws Exception {
        Platform instance = new Platform();
        new TestContextManager(Platform.class).prepareTestInstance(instance);
        platform = instance;
    }

    sealed interface Step permits Place, MoveOut, ChangeCapacity, Close {
    }

    record Place(int person, boolean withException) implements Step {
    }

    record MoveOut(int person) implements Step {
    }

    record ChangeCapacity(int capacity) implements Step {
    }

    record Close(int person) implements Step {
    }

    record Person(String caseId, boolean child, Gender gender) {
    }

    @Property(tries = 8, shrinking = ShrinkingMode.BOUNDED)
    void occupancy_never_exceeds_capacity_and_no_child_is_in_an_adult_shelter_unexcepted(
            @ForAll ShelterType type, @ForAll("capacities") int capacity, @ForAll("people") List<Boolean> children,
            @ForAll("steps") List<Step> steps) {
        String shelterId = "prop-" + UUID.randomUUID().toString().substring(0, 8);
        Api admin = platform.user("admin");
        assertThat(admin.post("/api/admin/shelters", Map.of("shelterId", shelterId, "name", "Property " + type,
                "type", type.name(), "capacity", capacity, "address", "nowhere")).status()).isEqualTo(201);
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            boolean child = children.get(i);
            Gender gender = i % 2 == 0 ? Gender.FEMALE : Gender.MALE;
            String caseId = platform.referral(referral(child, gender));
            platform.positiveReasonableGrounds(caseId);
            people.add(new Person(caseId, child, gender));
        }
        for (Step step : steps) {
            take(step, shelterId, people);
            check(shelterId, type);
        }
    }

    private static void take(Step step, String shelterId, List<Person> people) {
        Api.Response answer = null;
        if (step instanceof Place place) {
            Person person = people.get(place.person() % people.size());
            var command = new PlacePerson(shelterId, person.caseId(),
                    new PlacementCandidate(person.child(), person.gender(), false),
                    place.withException() ? new PersonalText("best-interests assessment: with her sister") : null);
            try {
                new TransactionTemplate(platform.transactions).executeWithoutResult(tx ->
                        platform.commands.send(command, new Actor("shelter-provider", "shelter-provider")));
            } catch (CaseRuleViolation refused) {
                // refused by a rule: nothing changed, the invariants below say so
            }
        } else if (step instanceof MoveOut moveOut) {
            answer = platform.user("shelter-provider").post("/api/cases/"
                    + people.get(moveOut.person() % people.size()).caseId() + "/placement/move-out", Map.of());
        } else if (step instanceof ChangeCapacity change) {
            answer = platform.user("admin").patch("/api/admin/shelters/" + shelterId,
                    Map.of("capacity", change.capacity()));
        } else if (step instanceof Close close) {
            answer = platform.user("competent-authority").post("/api/cases/"
                    + people.get(close.person() % people.size()).caseId() + "/closure",
                    Map.of("category", "OTHER", "reason", "property step"));
        }
        if (answer != null) {
            assertThat(answer.status()).as(step + " -> " + answer).isIn(200, 204, 409);
        }
    }

    private static void check(String shelterId, ShelterType type) {
        JsonNode shelter = platform.user("admin").get("/api/admin/shelters/" + shelterId).body();
        int occupied = shelter.get("occupied").asInt();
        assertThat(occupied).as("beds in use").isBetween(0, shelter.get("capacity").asInt());
        assertThat(shelter.get("free").asInt()).isEqualTo(shelter.get("capacity").asInt() - occupied);
        var jdbc = platform.database();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM shelter_placement WHERE shelter_id = ?", Integer.class,
                shelterId)).as("placements").isEqualTo(occupied);
        int placedEvents = jdbc.queryForObject("SELECT count(*) FILTER (WHERE payloadtype LIKE '%PersonPlaced') "
                + "- count(*) FILTER (WHERE payloadtype LIKE '%PlacementEnded') FROM domainevententry "
                + "WHERE aggregateidentifier = ?", Integer.class, shelterId);
        assertThat(placedEvents).as("the view agrees with the shelter's events").isEqualTo(occupied);
        if (!Shelter.childSafe(type)) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM shelter_placement WHERE shelter_id = ? AND child "
                    + "AND NOT child_placement_exception", Integer.class, shelterId))
                    .as("children in an adult shelter without an exception").isZero();
        }
    }

    private static Map<String, Object> referral(boolean child, Gender gender) {
        Map<String, Object> body = new HashMap<>();
        body.put("person", Map.of("givenName", "P", "familyName", "Q", "birthDate", child ? "2012-02-02" : "1990-02-02",
                "ageUncertain", false, "gender", gender.name(), "citizenships", List.of("VN"),
                "languages", List.of("vie")));
        body.put("exploitationTypes", List.of("FORCED_LABOUR"));
        body.put("exploitationLocation", "DOMESTIC");
        body.put("indicators", List.of("DEBT_BONDAGE"));
        body.put("consentToReferral", true);
        body.put("needsAccommodation", true);
        return body;
    }

    @Provide
    Arbitrary<Integer> capacities() {
        return Arbitraries.integers().between(0, 3);
    }

    @Provide
    Arbitrary<List<Boolean>> people() {
        return Arbitraries.of(true, false).list().ofMinSize(2).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> person = Arbitraries.integers().between(0, 3);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Combinators.combine(person, Arbitraries.of(true, false)).as(Place::new)),
                net.jqwik.api.Tuple.of(2, person.map(MoveOut::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 4).map(ChangeCapacity::new)),
                net.jqwik.api.Tuple.of(1, person.map(Close::new)));
        return step.list().ofMinSize(1).ofMaxSize(12);
    }
}

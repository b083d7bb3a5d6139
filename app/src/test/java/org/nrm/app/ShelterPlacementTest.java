package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;

/**
 * Shelter placement over HTTP: who may sleep where (a child only in a children's or families' shelter unless the
 * best-interests assessment records an exception), beds never over capacity (also when two placements race for the
 * last one), and beds freed when the person moves out, moves on, or the case closes.
 */
class ShelterPlacementTest extends PlatformTest {

    // --- helpers -----------------------------------------------------------------------------------------------

    /** Registers a fresh shelter through the administration API and returns its id. */
    protected String registerShelter(String type, int capacity, List<String> groups) {
        String id = "t-" + type.toLowerCase().replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>(Map.of("shelterId", id, "name", "Test " + type, "type", type,
                "capacity", capacity, "address", "1 Hidden Road, " + id));
        if (groups != null) {
            body.put("groups", groups);
        }
        Api.Response response = as("admin").post("/api/admin/shelters", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return id;
    }

    protected static Map<String, Object> referralOfChild(String gender) {
        Map<String, Object> body = new HashMap<>(referralOfAdult());
        body.put("person", Map.of("givenName", "Ana", "familyName", "Popescu", "birthDate", "2012-05-05",
                "ageUncertain", false, "gender", gender, "citizenships", List.of("RO"), "languages", List.of("ron")));
        body.put("consentToReferral", false);
        return body;
    }

    protected static Map<String, Object> referralOfMan() {
        Map<String, Object> body = new HashMap<>(referralOfAdult());
        body.put("person", Map.of("givenName", "Minh", "familyName", "Tran", "birthDate", "1988-01-01",
                "ageUncertain", false, "gender", "MALE", "citizenships", List.of("VN"), "languages", List.of("vie")));
        return body;
    }

    /** A case waiting for its shelter placement: referred, positive reasonable grounds. Returns {caseId, taskId}. */
    protected String[] atPlacement(Map<String, Object> referral) {
        String caseId = refer(referral);
        String rg = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        assertThat(as("competent-authority").post("/api/tasks/" + rg + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account")).status()).isEqualTo(204);
        return new String[] {caseId, awaitTask("shelter-provider", caseId, "shelter-placement")};
    }

    protected Api.Response place(String taskId, String shelterId) {
        return as("shelter-provider").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "PLACED", "shelterId", shelterId));
    }

    protected String placed(Map<String, Object> referral, String shelterId) {
        String[] placement = atPlacement(referral);
        Api.Response response = place(placement[1], shelterId);
        assertThat(response.status()).as(response.toString()).isEqualTo(204);
        return placement[0];
    }

    protected JsonNode shelter(String user, String shelterId) {
        for (JsonNode shelter : as(user).get("/api/shelters").body()) {
            if (shelter.get("shelterId").asText().equals(shelterId)) {
                return shelter;
            }
        }
        return null;
    }

    protected int occupied(String shelterId) {
        return shelter("shelter-provider", shelterId).get("occupied").asInt();
    }

    private static void assertRefused(Api.Response response, int status, String rule) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.body().path("rule").asText()).as(response.toString()).isEqualTo(rule);
    }

    private List<String> historyTypes(String user, String caseId) {
        List<String> types = new ArrayList<>();
        as(user).get("/api/cases/" + caseId + "/history").body().forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private JsonNode lastOf(String user, String caseId, String type) {
        JsonNode found = null;
        for (JsonNode entry : as(user).get("/api/cases/" + caseId + "/history").body()) {
            if (entry.get("type").asText().equals(type)) {
                found = entry;
            }
        }
        return found;
    }

    // --- who may sleep where -----------------------------------------------------------------------------------

    @Test
    void a_child_is_refused_by_an_adult_mens_shelter_and_the_task_stays_open() {
        String men = registerShelter("ADULT_MEN", 5, null);
        String[] child = atPlacement(referralOfChild("MALE"));

        assertRefused(place(child[1], men), 409, "child-in-adult-shelter");

        assertThat(occupied(men)).isZero();
        assertThat(awaitTask("shelter-provider", child[0], "shelter-placement")).isEqualTo(child[1]);
        assertThat(historyTypes("shelter-provider", child[0])).doesNotContain("PersonPlaced");
        // the demo's own men's shelter refuses a child too (the example)
        assertRefused(place(child[1], "shelter-men-harbour"), 409, "child-in-adult-shelter");
    }

    @Test
    void a_child_is_placed_in_an_adult_shelter_only_with_the_exception_and_its_reason_recorded() {
        String women = registerShelter("ADULT_WOMEN", 5, null);
        String[] child = atPlacement(referralOfChild("FEMALE"));
        String reason = "Placed with her sister, 19, as the best-interests assessment of 1 Dec found";

        Api.Response blank = as("shelter-provider").post("/api/tasks/" + child[1] + "/complete",
                Map.of("outcome", "PLACED", "shelterId", women, "childPlacementException", Map.of("reason", " ")));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().get("field").asText()).isEqualTo("childPlacementException.reason");

        Api.Response placed = as("shelter-provider").post("/api/tasks/" + child[1] + "/complete",
                Map.of("outcome", "PLACED", "shelterId", women, "childPlacementException", Map.of("reason", reason)));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(204);

        assertThat(occupied(women)).isEqualTo(1);
        JsonNode event = lastOf("shelter-provider", child[0], "PersonPlaced");
        assertThat(event.get("data").get("child").asBoolean()).isTrue();
        assertThat(event.get("data").get("childPlacementException").asText()).isEqualTo(reason); // personal text reads as a plain string
        // personal text: encrypted in the store, pseudonymised for oversight
        String stored = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype LIKE '%PersonPlaced'", String.class, women);
        assertThat(stored).doesNotContain("best-interests").contains("\"childPlacementException\"");
        JsonNode seenByOversight = null;
        for (JsonNode entry : as("rapporteur").get("/api/cases/" + child[0] + "/history").body()) {
            if (entry.get("type").asText().equals("PersonPlaced")) {
                seenByOversight = entry;
            }
        }
        assertThat(seenByOversight.get("data").get("childPlacementException").asText()).isEqualTo("[pseudonymised]");
    }

    @Test
    void a_child_is_placed_in_a_childrens_shelter_without_any_exception() {
        String children = registerShelter("CHILDREN", 3, null);
        String caseId = placed(referralOfChild("MALE"), children);
        assertThat(occupied(children)).isEqualTo(1);
        assertThat(lastOf("shelter-provider", caseId, "PersonPlaced").get("data").get("childPlacementException")
                .isNull()).isTrue();
    }

    @Test
    void an_adult_woman_is_refused_by_a_mens_shelter_even_with_an_exception() {
        String men = registerShelter("ADULT_MEN", 5, null);
        String[] woman = atPlacement(referralOfAdult());

        assertRefused(place(woman[1], men), 409, "shelter-does-not-take-group");
        assertRefused(as("shelter-provider").post("/api/tasks/" + woman[1] + "/complete", Map.of("outcome", "PLACED",
                "shelterId", men, "childPlacementException", Map.of("reason", "no room elsewhere"))),
                409, "exception-only-for-a-child");
        assertThat(occupied(men)).isZero();
    }

    @Test
    void a_placement_in_a_shelter_that_does_not_exist_names_the_field() {
        String[] woman = atPlacement(referralOfAdult());
        Api.Response response = place(woman[1], "no-such-shelter");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("field").asText()).isEqualTo("shelterId");
    }

    // --- capacity ----------------------------------------------------------------------------------------------

    @Test
    void a_placement_over_capacity_is_refused_with_the_rule_and_the_person_keeps_waiting() {
        String women = registerShelter("ADULT_WOMEN", 1, null);
        placed(referralOfAdult(), women);
        String[] second = atPlacement(referralOfAdult());

        assertRefused(place(second[1], women), 409, "shelter-full");

        JsonNode shelter = shelter("shelter-provider", women);
        assertThat(shelter.get("occupied").asInt()).isEqualTo(1);
        assertThat(shelter.get("free").asInt()).isZero();
        assertThat(shelter.get("waitingForType").asInt()).isPositive();
        assertThat(as("shelter-provider").get("/api/shelters/waiting").body().get("ADULT_WOMEN").asInt()).isPositive();
    }

    @Test
    void two_placements_racing_for_the_last_bed_one_wins_and_the_other_is_refused_by_the_rule() throws Exception {
        String men = registerShelter("ADULT_MEN", 1, null);
        String[] first = atPlacement(referralOfMan());
        String[] second = atPlacement(referralOfMan());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (String task : new String[] {first[1], second[1]}) {
                Callable<Api.Response> racer = () -> {
                    start.await();
                    return place(task, men);
                };
                answers.add(pool.submit(racer));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            String rule = null;
            for (Future<Api.Response> answer : answers) {
                Api.Response response = answer.get();
                statuses.add(response.status());
                if (response.status() == 409) {
                    rule = response.body().path("rule").asText();
                }
            }
            assertThat(statuses).containsExactlyInAnyOrder(204, 409);
            assertThat(rule).isEqualTo("shelter-full");
        } finally {
            pool.shutdownNow();
        }
        assertThat(occupied(men)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM shelter_placement WHERE shelter_id = ?", Integer.class,
                men)).isEqualTo(1);
    }

    // --- beds freed --------------------------------------------------------------------------------------------

    @Test
    void the_shelters_move_out_frees_the_bed_at_once() {
        String women = registerShelter("ADULT_WOMEN", 1, null);
        String caseId = placed(referralOfAdult(), women);
        assertThat(as("shelter-provider").get("/api/shelters/" + women + "/placements").body()
                .findValuesAsText("caseId")).containsExactly(caseId);

        assertThat(as("police").post("/api/cases/" + caseId + "/placement/move-out", Map.of()).status())
                .isEqualTo(403);
        assertThat(as("shelter-provider").post("/api/cases/" + caseId + "/placement/move-out",
                Map.of("note", "Moved in with her cousin")).status()).isEqualTo(204);

        JsonNode shelter = shelter("shelter-provider", women);
        assertThat(shelter.get("occupied").asInt()).isZero();
        assertThat(shelter.get("free").asInt()).isEqualTo(1);
        assertThat(lastOf("shelter-provider", caseId, "PlacementEnded").get("data").get("reason").asText())
                .isEqualTo("MOVED_OUT");
        assertRefused(as("shelter-provider").post("/api/cases/" + caseId + "/placement/move-out", Map.of()),
                409, "not-placed");
        // the freed bed can be taken again
        placed(referralOfAdult(), women);
        assertThat(occupied(women)).isEqualTo(1);
    }

    @Test
    void closing_the_case_frees_the_bed_in_the_closures_own_transaction() {
        String women = registerShelter("ADULT_WOMEN", 2, null);
        String caseId = placed(referralOfAdult(), women);
        assertThat(occupied(women)).isEqualTo(1);

        assertThat(as("competent-authority").post("/api/cases/" + caseId + "/closure",
                Map.of("category", "LOST_CONTACT", "reason", "Left the shelter without notice")).status())
                .isEqualTo(204);

        assertThat(occupied(women)).isZero();
        JsonNode ended = lastOf("competent-authority", caseId, "PlacementEnded");
        assertThat(ended.get("data").get("reason").asText()).isEqualTo("CASE_CLOSED");
        assertThat(ended.get("agency").asText()).isEqualTo("competent-authority");
    }

    @Test
    void a_transfer_frees_the_old_bed_and_takes_the_new_one_or_neither() {
        String from = registerShelter("ADULT_WOMEN", 2, null);
        String full = registerShelter("ADULT_WOMEN", 1, null);
        String to = registerShelter("FAMILIES", 2, List.of("FAMILIES", "ADULT_WOMEN"));
        placed(referralOfAdult(), full);
        String caseId = placed(referralOfAdult(), from);

        assertRefused(as("shelter-provider").post("/api/cases/" + caseId + "/placement/transfer",
                Map.of("shelterId", full)), 409, "shelter-full");
        assertThat(occupied(from)).isEqualTo(1);

        assertThat(as("shelter-provider").post("/api/cases/" + caseId + "/placement/transfer",
                Map.of("shelterId", to)).status()).isEqualTo(204);
        assertThat(occupied(from)).isZero();
        assertThat(occupied(to)).isEqualTo(1);
        assertThat(lastOf("shelter-provider", caseId, "PlacementEnded").get("data").get("reason").asText())
                .isEqualTo("TRANSFERRED");
        assertThat(as("shelter-provider").get("/api/cases/" + caseId).body().get("shelterId").asText()).isEqualTo(to);
    }
}

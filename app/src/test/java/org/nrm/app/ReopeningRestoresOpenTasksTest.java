package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A case closed while tasks on branches of their own were open (the shelter placement of a person who needs
 * accommodation, the decision on an applied residence permit, a child's age assessment) gets those tasks back when it
 * is reopened, beside the step it resumes at: a closure does not settle them (found from outside: after the reopening
 * no agency held them and the person was left without a shelter or a permit decision).
 */
class ReopeningRestoresOpenTasksTest extends PlatformTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    RuntimeService runtime;

    private boolean processRunning(String caseId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("national-referral-mechanism")
                .processInstanceBusinessKey(caseId).count() > 0;
    }

    private List<String> openTaskKeys(String user, String caseId) {
        return as(user).get("/api/tasks?caseId=" + caseId).body().findValuesAsText("key");
    }

    private List<String> openTasksAtEnd(String caseId) {
        return jdbc.queryForList("SELECT unnest(open_tasks) FROM process_end_state WHERE case_id = ?", String.class,
                caseId);
    }

    private void closeAndReopen(String caseId) {
        Api.Response closed = as("competent-authority").post("/api/cases/" + caseId + "/closure",
                Map.of("category", "LOST_CONTACT", "reason", "No contact for six weeks"));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(204);
        Awaitility.await().atMost(PATIENCE).until(() -> !processRunning(caseId));
        Api.Response reopened = as("competent-authority").post("/api/cases/" + caseId + "/reopening",
                Map.of("reason", "Back in contact"));
        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(204);
    }

    /** An adult's case whose reasonable-grounds decision was positive: in its recovery period. */
    private String inRecoveryPeriod() {
        String caseId = refer(referralOfAdult());
        String rg = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        assertThat(as("competent-authority").post("/api/tasks/" + rg + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account")).status()).isEqualTo(204);
        return caseId;
    }

    private String registerShelter(String type) {
        String id = "t-reopen-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response response = as("admin").post("/api/admin/shelters", Map.of("shelterId", id, "name", "Test " + type,
                "type", type, "capacity", 3, "address", "1 Hidden Road, " + id));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return id;
    }

    @Test
    void a_case_closed_in_its_recovery_period_gets_its_shelter_placement_and_permit_decision_back_when_reopened() {
        String caseId = inRecoveryPeriod();
        String placementBeforeClosure = awaitTask("shelter-provider", caseId, "shelter-placement");
        awaitTask("immigration-service", caseId, "residence-permit-decision");

        closeAndReopen(caseId);

        assertThat(openTasksAtEnd(caseId)).containsExactlyInAnyOrder("shelter-placement", "residence-permit-decision");
        // the task the closure cancelled is not "already completed": it ended without a decision
        Api.Response cancelled = as("shelter-provider").post("/api/tasks/" + placementBeforeClosure + "/complete",
                Map.of("outcome", "PLACED", "shelterId", "any"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(409);
        assertThat(cancelled.body().get("rule").asText()).isEqualTo("task-ended");
        assertThat(cancelled.body().get("detail").asText()).contains("ended without a decision")
                .doesNotContain("already completed");
        String placement = awaitTask("shelter-provider", caseId, "shelter-placement");
        String permit = awaitTask("immigration-service", caseId, "residence-permit-decision");
        assertThat(as("competent-authority").get("/api/cases/" + caseId).body().get("stage").asText())
                .isEqualTo("RECOVERY_PERIOD");
        assertThat(openTaskKeys("shelter-provider", caseId)).containsExactly("shelter-placement");
        assertThat(openTaskKeys("immigration-service", caseId)).containsExactly("residence-permit-decision");

        // both are the real steps again: the person is placed (the shelter type decided again: a woman's shelter)
        // and the application restored with the variables is decided
        String shelter = registerShelter("ADULT_WOMEN");
        Api.Response placed = as("shelter-provider").post("/api/tasks/" + placement + "/complete",
                Map.of("outcome", "PLACED", "shelterId", shelter));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(204);
        Api.Response refused = as("immigration-service").post("/api/tasks/" + permit + "/complete",
                Map.of("outcome", "REFUSED"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(204);
        Awaitility.await().atMost(PATIENCE).until(() -> openTaskKeys("shelter-provider", caseId).isEmpty()
                && openTaskKeys("immigration-service", caseId).isEmpty());
        assertThat(as("competent-authority").get("/api/cases/" + caseId + "/history").body()
                .findValuesAsText("type")).contains("PersonPlaced", "ResidencePermitRefused");
    }

    @Test
    void a_case_closed_after_its_permit_decision_does_not_get_it_again_but_a_bed_the_closure_freed_is_offered_again() {
        String caseId = inRecoveryPeriod();
        String placement = awaitTask("shelter-provider", caseId, "shelter-placement");
        String shelter = registerShelter("ADULT_WOMEN");
        assertThat(as("shelter-provider").post("/api/tasks/" + placement + "/complete",
                Map.of("outcome", "PLACED", "shelterId", shelter)).status()).isEqualTo(204);
        String permit = awaitTask("immigration-service", caseId, "residence-permit-decision");
        assertThat(as("immigration-service").post("/api/tasks/" + permit + "/complete",
                Map.of("outcome", "REFUSED")).status()).isEqualTo(204);

        closeAndReopen(caseId);

        assertThat(openTasksAtEnd(caseId)).isEmpty();
        Awaitility.await().atMost(PATIENCE).until(() -> processRunning(caseId));
        assertThat(as("competent-authority").get("/api/cases/" + caseId).body().get("stage").asText())
                .isEqualTo("RECOVERY_PERIOD");
        assertThat(openTaskKeys("immigration-service", caseId)).as("the permit was decided").isEmpty();
        // the closure freed the bed (PlacementEnded CASE_CLOSED): the person, under protection again, needs a place
        assertThat(jdbc.queryForList("SELECT case_id FROM shelter_placement WHERE case_id = ?", caseId)).isEmpty();
        String again = awaitTask("shelter-provider", caseId, "shelter-placement");
        assertThat(openTaskKeys("shelter-provider", caseId)).containsExactly("shelter-placement");
        Api.Response placed = as("shelter-provider").post("/api/tasks/" + again + "/complete",
                Map.of("outcome", "PLACED", "shelterId", shelter));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(204);
        assertThat(jdbc.queryForObject("SELECT shelter_id FROM shelter_placement WHERE case_id = ?", String.class,
                caseId)).isEqualTo(shelter);
    }

    @Test
    void a_person_who_moved_out_before_the_closure_is_not_offered_a_bed_at_reopening() {
        String caseId = inRecoveryPeriod();
        String placement = awaitTask("shelter-provider", caseId, "shelter-placement");
        assertThat(as("shelter-provider").post("/api/tasks/" + placement + "/complete",
                Map.of("outcome", "PLACED", "shelterId", registerShelter("ADULT_WOMEN"))).status()).isEqualTo(204);
        Api.Response movedOut = as("shelter-provider").post("/api/cases/" + caseId + "/placement/move-out",
                Map.of("note", "Moved in with her sister"));
        assertThat(movedOut.status()).as(movedOut.toString()).isEqualTo(204);

        closeAndReopen(caseId);

        Awaitility.await().atMost(PATIENCE).until(() -> processRunning(caseId)
                && !openTaskKeys("immigration-service", caseId).isEmpty());
        assertThat(openTaskKeys("shelter-provider", caseId)).as("her move-out was her choice, not the closure's")
                .isEmpty();
    }

    @Test
    void a_childs_case_closed_before_the_age_assessment_gets_it_back_with_the_guardian_and_the_decision() {
        var body = new HashMap<>(referralOfAdult());
        body.put("person", Map.of("givenName", "Ion", "familyName", "Popescu", "gender", "MALE",
                "birthDate", "2011-04-04", "ageUncertain", true, "citizenships", List.of("RO"),
                "languages", List.of("rum")));
        String caseId = refer(body);
        awaitTask("child-services", caseId, "age-assessment");
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");

        closeAndReopen(caseId);

        assertThat(openTasksAtEnd(caseId)).contains("age-assessment", "guardian-appointment",
                "reasonable-grounds-decision");
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        awaitTask("child-services", caseId, "age-assessment");
        assertThat(openTaskKeys("child-services", caseId))
                .containsExactlyInAnyOrder("age-assessment", "guardian-appointment");
        String assessment = awaitTask("child-services", caseId, "age-assessment");
        Api.Response assessed = as("child-services").post("/api/tasks/" + assessment + "/complete",
                Map.of("outcome", "CHILD"));
        assertThat(assessed.status()).as(assessed.toString()).isEqualTo(204);
        Awaitility.await().atMost(PATIENCE).until(() -> openTaskKeys("child-services", caseId)
                .equals(List.of("guardian-appointment")));
    }
}

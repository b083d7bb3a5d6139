package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;

/**
 * Issue #13: the task keys no other test completed over HTTP ({@code age-assessment}, {@code guardian-appointment},
 * {@code reconsideration-decision}), each driven to on a real case and completed with every outcome it allows, its
 * effect read back from the case view and the history (actor and agency), and every refusal of a completion: an
 * outcome the task does not allow (400 {@code outcome}), a missing outcome or required field (400 naming it), an
 * unknown field (400 naming it), another agency (404: the task is not in its queue; oversight 403), a case worker who
 * does not hold the claimed task (409) and a second completion (409). A refusal changes nothing: no event, the task
 * still open.
 */
class RemainingTaskKeysOverHttpTest extends PlatformTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A child referred without consent (a child needs none), age in doubt when {@code ageUncertain}. */
    private static Map<String, Object> referralOfChild(boolean ageUncertain, boolean consent) {
        var child = new HashMap<>(referralOfAdult());
        child.put("person", Map.of("givenName", "Ion", "familyName", "Popescu", "gender", "MALE",
                "birthDate", "2011-04-04", "ageUncertain", ageUncertain, "citizenships", List.of("RO"),
                "languages", List.of("rum")));
        child.put("consentToReferral", consent);
        return child;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        var changed = new LinkedHashMap<>(body);
        if (value == null) {
            changed.remove(field);
        } else {
            changed.put(field, value);
        }
        return changed;
    }

    private JsonNode view(String user, String caseId) {
        return as(user).get("/api/cases/" + caseId).body();
    }

    private JsonNode historyEntry(String user, String caseId, String type) {
        for (JsonNode entry : as(user).get("/api/cases/" + caseId + "/history").body()) {
            if (type.equals(entry.get("type").asText())) {
                return entry;
            }
        }
        throw new AssertionError("no " + type + " in the history of " + caseId);
    }

    private List<String> openTaskKeys(String user, String caseId) {
        return as(user).get("/api/tasks?caseId=" + caseId).body().findValuesAsText("key");
    }

    private static void assertProblem(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        if (field != null) {
            assertThat(response.body().get("field").asText()).as(response.toString()).isEqualTo(field);
            // a refused completion lists its field as a refused body does
            assertThat(response.body().get("errors").get(0).get("field").asText()).as(response.toString())
                    .isEqualTo(field);
            assertThat(response.body().get("errors").get(0).get("message").asText()).isNotBlank();
        }
    }

    /**
     * Every refusal of a completion of {@code taskId} ({@code key}, held by {@code agency}'s case worker after this),
     * then the completion with {@code body}: 204, and a second one 409. {@code outsider} is an agency involved in the
     * case whose queue does not hold the task.
     */
    private void refusedThenCompleted(String agency, String outsider, String caseId, String taskId, String key,
                                      Map<String, Object> body, List<String> requiredFields) {
        Api worker = as(agency);
        String complete = "/api/tasks/" + taskId + "/complete";
        int events = storedEvents(caseId);

        assertProblem(worker.post(complete, with(body, "outcome", "POSITIVE")), 400, "outcome");
        assertProblem(worker.post(complete, with(body, "outcome", null)), 400, "outcome");
        for (String field : requiredFields) {
            assertProblem(worker.post(complete, with(body, field, null)), 400, field);
        }
        assertProblem(worker.post(complete, with(body, "favouriteColour", "blue")), 400, "favouriteColour");
        assertProblem(worker.post(complete, "{\"outcome\": " + "\"" + body.get("outcome") + "\""), 400, null);

        assertProblem(as(outsider).post(complete, body), 404, null);
        assertProblem(as("shelter-provider").post(complete, body), 404, null);
        assertProblem(as("rapporteur").post(complete, body), 403, null);

        assertThat(worker.post("/api/tasks/" + taskId + "/claim", Map.of()).status()).isEqualTo(204);
        Api.Response notTheHolder = as(agency + "-lead").post(complete, body);
        assertProblem(notTheHolder, 409, null);
        assertThat(notTheHolder.body().get("detail").asText()).contains(agency);
        assertThat(notTheHolder.body().get("rule").asText()).isEqualTo("task-held-by-another");

        assertThat(storedEvents(caseId)).as("refusals change nothing").isEqualTo(events);
        assertThat(openTaskKeys(agency, caseId)).as("the task is still open").contains(key);

        Api.Response completed = worker.post(complete, body);
        assertThat(completed.status()).as(key + ": " + completed).isEqualTo(204);
        assertThat(storedEvents(caseId)).isGreaterThan(events);
        int after = storedEvents(caseId);
        Api.Response again = worker.post(complete, body);
        assertProblem(again, 409, null);
        assertThat(again.body().get("rule").asText()).isEqualTo("task-completed");
        assertThat(storedEvents(caseId)).as("a second completion changes nothing").isEqualTo(after);
    }

    private static void assertTakenBy(JsonNode entry, String agency) {
        assertThat(entry.get("actor").asText()).isEqualTo(agency);
        assertThat(entry.get("agency").asText()).isEqualTo(agency);
        assertThat(entry.get("occurredAt").asText()).isNotBlank();
    }

    @Test
    void an_age_assessment_confirms_a_child_and_the_child_pathway_goes_on() {
        String caseId = refer(referralOfChild(true, false));
        String taskId = awaitTask("child-services", caseId, "age-assessment");

        refusedThenCompleted("child-services", "police", caseId, taskId, "age-assessment",
                Map.of("outcome", "CHILD"), List.of());

        JsonNode assessed = historyEntry("child-services", caseId, "AgeAssessed");
        assertTakenBy(assessed, "child-services");
        assertThat(assessed.get("data").get("outcome").asText()).isEqualTo("CHILD");
        Awaitility.await().atMost(PATIENCE).until(() -> "CHILD".equals(view("child-services", caseId)
                .get("ageGroup").asText()));
        JsonNode view = view("child-services", caseId);
        assertThat(view.get("child").asBoolean()).isTrue();
        assertThat(view.get("stage").asText()).isEqualTo("AWAITING_REASONABLE_GROUNDS");
        // the guardian is still to be appointed, and the reasonable-grounds decision still due
        assertThat(openTaskKeys("child-services", caseId)).containsExactly("guardian-appointment");
        assertThat(openTaskKeys("competent-authority", caseId)).containsExactly("reasonable-grounds-decision");
    }

    @Test
    void an_age_assessment_finding_an_adult_ends_the_child_pathway() {
        String caseId = refer(referralOfChild(true, true));
        String taskId = awaitTask("child-services", caseId, "age-assessment");
        assertThat(openTaskKeys("child-services", caseId)).contains("guardian-appointment");

        refusedThenCompleted("child-services", "police", caseId, taskId, "age-assessment",
                Map.of("outcome", "ADULT"), List.of());

        JsonNode assessed = historyEntry("police", caseId, "AgeAssessed");
        assertTakenBy(assessed, "child-services");
        assertThat(assessed.get("data").get("outcome").asText()).isEqualTo("ADULT");
        Awaitility.await().atMost(PATIENCE).until(() -> "ADULT".equals(view("police", caseId)
                .get("ageGroup").asText()));
        JsonNode view = view("police", caseId);
        assertThat(view.get("child").asBoolean()).isFalse();
        // consented at referral: the case goes on as an adult's, without the child's guardian
        assertThat(view.get("stage").asText()).isEqualTo("AWAITING_REASONABLE_GROUNDS");
        Awaitility.await().atMost(PATIENCE).until(() -> openTaskKeys("child-services", caseId).isEmpty());
        assertThat(openTaskKeys("competent-authority", caseId)).containsExactly("reasonable-grounds-decision");
    }

    @Test
    void a_guardian_is_appointed_for_a_child() {
        String caseId = refer(referralOfChild(false, false));
        String taskId = awaitTask("child-services", caseId, "guardian-appointment");
        assertThat(view("child-services", caseId).get("guardianAppointed").asBoolean()).isFalse();

        refusedThenCompleted("child-services", "police", caseId, taskId, "guardian-appointment",
                Map.of("outcome", "APPOINTED", "guardianName", "Maria Ionescu"), List.of("guardianName"));

        JsonNode appointed = historyEntry("child-services", caseId, "GuardianAppointed");
        assertTakenBy(appointed, "child-services");
        assertThat(appointed.get("data").toString()).contains("Maria Ionescu");
        assertThat(historyEntry("rapporteur", caseId, "GuardianAppointed").get("data").toString())
                .doesNotContain("Maria Ionescu");
        Awaitility.await().atMost(PATIENCE).until(() -> view("child-services", caseId)
                .get("guardianAppointed").asBoolean());
        assertThat(openTaskKeys("child-services", caseId)).doesNotContain("guardian-appointment");
    }

    /** A case with a negative reasonable-grounds decision and a reconsideration asked for by the referrer. */
    private String reconsiderationRequested() {
        String caseId = refer(referralOfAdult());
        String rg = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        assertThat(as("competent-authority").post("/api/tasks/" + rg + "/complete",
                Map.of("outcome", "NEGATIVE", "reasons", "No indicator established")).status()).isEqualTo(204);
        Awaitility.await().atMost(PATIENCE).until(() -> "NEGATIVE".equals(view("police", caseId)
                .get("reasonableGrounds").asText()));
        Api.Response requested = as("police").post("/api/cases/" + caseId + "/reconsideration",
                Map.of("ground", "NEW_EVIDENCE", "explanation", "A witness statement came in"));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(204);
        return caseId;
    }

    @Test
    void a_reconsideration_that_overturns_the_negative_decision_starts_the_recovery_period() {
        String caseId = reconsiderationRequested();
        String taskId = awaitTask("competent-authority", caseId, "reconsideration-decision");
        Awaitility.await().atMost(PATIENCE).until(() -> view("police", caseId).get("reconsiderationPending")
                .asBoolean());

        refusedThenCompleted("competent-authority", "police", caseId, taskId, "reconsideration-decision",
                Map.of("outcome", "OVERTURNED", "reasons", "The statement establishes the indicators"), List.of());

        JsonNode decided = historyEntry("competent-authority", caseId, "ReconsiderationDecided");
        assertTakenBy(decided, "competent-authority");
        assertThat(decided.get("data").get("outcome").asText()).isEqualTo("OVERTURNED");
        assertThat(decided.get("data").get("decision").asText()).isEqualTo("REASONABLE_GROUNDS");
        Awaitility.await().atMost(PATIENCE).until(() -> "RECOVERY_PERIOD".equals(view("police", caseId)
                .get("stage").asText()));
        JsonNode view = view("police", caseId);
        assertThat(view.get("reasonableGrounds").asText()).isEqualTo("POSITIVE");
        assertThat(view.get("reconsiderationPending").asBoolean()).isFalse();
        awaitTask("shelter-provider", caseId, "shelter-placement");
    }

    @Test
    void a_reconsideration_that_upholds_the_negative_decision_leads_to_the_closure() {
        String caseId = reconsiderationRequested();
        String taskId = awaitTask("competent-authority", caseId, "reconsideration-decision");

        refusedThenCompleted("competent-authority", "police", caseId, taskId, "reconsideration-decision",
                Map.of("outcome", "UPHELD"), List.of());

        JsonNode decided = historyEntry("police", caseId, "ReconsiderationDecided");
        assertTakenBy(decided, "competent-authority");
        assertThat(decided.get("data").get("outcome").asText()).isEqualTo("UPHELD");
        Awaitility.await().atMost(PATIENCE).until(() -> !view("police", caseId).get("reconsiderationPending")
                .asBoolean());
        JsonNode view = view("police", caseId);
        assertThat(view.get("reasonableGrounds").asText()).isEqualTo("NEGATIVE");
        assertThat(view.get("stage").asText()).isEqualTo("AWAITING_REASONABLE_GROUNDS");
        awaitTask("competent-authority", caseId, "case-closure");
    }
}

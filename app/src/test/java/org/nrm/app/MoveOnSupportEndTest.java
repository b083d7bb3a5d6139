package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.DemoFastPlatform;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Move-on support under demo-fast (a day lasts a second; the same configuration as the other demo-fast test, so both
 * share one platform): after a positive conclusive decision it runs 45 "days"; the shelter provider may end it early
 * with a reason, and otherwise its timer ends it, which is a breach while the durable solution is still to be chosen.
 */
class MoveOnSupportEndTest extends DemoFastPlatform {

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService jobs;

    private String recognisedVictim() {
        Map<String, Object> body = new HashMap<>(Map.of(
                "person", Map.of("givenName", "Amy", "familyName", "Smith", "birthDate", "1992-03-01",
                        "gender", "FEMALE", "citizenships", List.of("GB"), "languages", List.of("eng")),
                "exploitationTypes", List.of("FORCED_LABOUR"), "exploitationLocation", "DOMESTIC",
                "indicators", List.of("WAGES_WITHHELD"), "consentToReferral", true, "needsAccommodation", false));
        Api.Response referral = as("police").post("/api/referrals", body);
        assertThat(referral.status()).isEqualTo(201);
        String caseId = referral.body().get("caseId").asText();
        complete("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account"));
        return caseId;
    }

    private JsonNode entry(String caseId, String type) {
        for (JsonNode entry : as("competent-authority").get("/api/cases/" + caseId + "/history").body()) {
            if (type.equals(entry.get("type").asText())) {
                return entry;
            }
        }
        return null;
    }

    @Test
    void move_on_support_ends_early_with_a_reason_or_on_its_timer_with_a_breach_while_no_durable_solution_is_chosen() {
        String endedEarly = recognisedVictim();
        String endedOnTime = recognisedVictim();
        for (String caseId : List.of(endedEarly, endedOnTime)) {
            complete("competent-authority", caseId, "conclusive-grounds-decision",
                    Map.of("outcome", "POSITIVE", "reasons", "Victim of forced labour"));
            awaitTask("shelter-provider", caseId, "durable-solution");
        }

        String path = "/api/cases/" + endedEarly + "/move-on-support/end";
        assertThat(as("shelter-provider").post(path, Map.of("reason", "Moved into her own flat")).status())
                .isEqualTo(204);
        Api.Response again = as("shelter-provider").post(path, Map.of("reason", "Again"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("rule").asText()).isEqualTo("no-move-on-support");
        JsonNode early = entry(endedEarly, "MoveOnSupportEnded");
        assertThat(early.get("agency").asText()).isEqualTo("shelter-provider");
        assertThat(early.get("data").get("early").asBoolean()).isTrue();
        assertThat(as("competent-authority").get("/api/cases/" + endedEarly).body().get("identification")
                .get("moveOnSupportEndedAt").isNull()).isFalse();

        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> entry(endedOnTime, "DeadlineBreached") != null);
        JsonNode ended = entry(endedOnTime, "MoveOnSupportEnded");
        assertThat(ended.get("agency").asText()).isEqualTo("mechanism");
        assertThat(ended.get("data").get("early").asBoolean()).isFalse();
        assertThat(entry(endedOnTime, "DeadlineBreached").get("data").get("taskKey").asText())
                .isEqualTo("durable-solution");
        assertThat(as("shelter-provider-lead").get("/api/notifications").body().findValuesAsText("caseId"))
                .contains(endedOnTime);
        assertThat(as("shelter-provider").get("/api/tasks?caseId=" + endedOnTime).body().findValuesAsText("key"))
                .contains("durable-solution");
        // the early end left the timer of the first case nothing to do once it fired: no second end, no breach
        String process = runtime.createProcessInstanceQuery().processDefinitionKey("national-referral-mechanism")
                .processInstanceBusinessKey(endedEarly).singleResult().getId();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jobs.createJobQuery().processInstanceId(process)
                .activityId("move-on-support-over").count() + jobs.createJobQuery().processInstanceId(process)
                .activityId("end-move-on-support").count() == 0);
        assertThat(as("competent-authority").get("/api/cases/" + endedEarly + "/history").body()
                .findValuesAsText("type").stream().filter("MoveOnSupportEnded"::equals).count()).isEqualTo(1);
        assertThat(entry(endedEarly, "DeadlineBreached")).isNull();
    }

    @Test
    void choosing_integration_as_the_durable_solution_frees_the_persons_bed_in_that_steps_transaction() {
        String shelterId = "t-integration-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertThat(as("admin").post("/api/admin/shelters", Map.of("shelterId", shelterId, "name", "Test women's shelter",
                "type", "ADULT_WOMEN", "capacity", 1, "address", "2 Hidden Road")).status()).isEqualTo(201);
        Map<String, Object> body = new HashMap<>(Map.of(
                "person", Map.of("givenName", "Ioana", "familyName", "Marin", "birthDate", "1991-07-01",
                        "gender", "FEMALE", "citizenships", List.of("GB"), "languages", List.of("eng")),
                "exploitationTypes", List.of("FORCED_LABOUR"), "exploitationLocation", "DOMESTIC",
                "indicators", List.of("WAGES_WITHHELD"), "consentToReferral", true, "needsAccommodation", true));
        Api.Response referral = as("police").post("/api/referrals", body);
        assertThat(referral.status()).isEqualTo(201);
        String caseId = referral.body().get("caseId").asText();
        complete("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account"));
        complete("shelter-provider", caseId, "shelter-placement", Map.of("outcome", "PLACED", "shelterId", shelterId));
        assertThat(occupied(shelterId)).isEqualTo(1);
        complete("competent-authority", caseId, "conclusive-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Victim of forced labour"));
        assertThat(occupied(shelterId)).as("the bed is kept until the durable solution").isEqualTo(1);

        complete("shelter-provider", caseId, "durable-solution",
                Map.of("outcome", "INTEGRATION", "bestInterestsAssessment", "Settled, has work and a flat"));

        // the placement ends in the transaction of the choice: no wait for it
        assertThat(occupied(shelterId)).isZero();
        JsonNode ended = entry(caseId, "PlacementEnded");
        assertThat(ended).isNotNull();
        assertThat(ended.get("data").get("reason").asText()).isEqualTo("INTEGRATED");
        assertThat(ended.get("agency").asText()).isEqualTo("shelter-provider");
    }

    private int occupied(String shelterId) {
        for (JsonNode shelter : as("shelter-provider").get("/api/shelters").body()) {
            if (shelter.get("shelterId").asText().equals(shelterId)) {
                return shelter.get("occupied").asInt();
            }
        }
        throw new AssertionError("no shelter " + shelterId);
    }
}

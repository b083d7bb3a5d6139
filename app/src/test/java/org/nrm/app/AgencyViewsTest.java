package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;

/** What agencies and oversight see: the case as of a date, queues, shelters, and the HTCDS export. */
class AgencyViewsTest extends PlatformTest {

    private JsonNode queue(String lead, String key) {
        for (JsonNode figures : as(lead).get("/api/queues").body()) {
            if (key.equals(figures.get("key").asText())) {
                return figures;
            }
        }
        return null;
    }

    private int count(JsonNode figures, String field) {
        return figures == null ? 0 : figures.get(field).asInt();
    }

    @Test
    void the_case_as_it_stood_before_and_after_its_decision() throws Exception {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        Instant beforeDecision = Instant.now();
        Awaitility.await().until(() -> Instant.now().isAfter(beforeDecision.plusMillis(5)));
        as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Credible"));

        JsonNode before = as("police").get("/api/cases/" + caseId + "?asOf=" + beforeDecision).body();
        assertThat(before.get("stage").asText()).isEqualTo("AWAITING_REASONABLE_GROUNDS");
        assertThat(before.has("reasonableGrounds")).isFalse();
        assertThat(before.get("steps").asInt()).isEqualTo(1);

        JsonNode now = as("police").get("/api/cases/" + caseId + "?asOf=" + Instant.now().plusSeconds(1)).body();
        JsonNode live = as("police").get("/api/cases/" + caseId).body();
        assertThat(now.get("stage").asText()).isEqualTo("RECOVERY_PERIOD").isEqualTo(live.get("stage").asText());
        for (String field : List.of("reasonableGrounds", "child", "foreignNational", "reference")) {
            assertThat(now.get(field)).as(field).isEqualTo(live.get(field));
        }

        Api.Response badDate = as("police").get("/api/cases/" + caseId + "?asOf=yesterday");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body().get("field").asText()).isEqualTo("asOf");
        assertThat(as("police").get("/api/cases/" + caseId + "?asOf=2000-01-01T00:00:00Z").status()).isEqualTo(404);
    }

    @Test
    void queues_count_open_overdue_and_unassigned_tasks_and_leads_reassign_them() {
        JsonNode start = queue("competent-authority-lead", "reasonable-grounds-decision");
        String first = refer(referralOfAdult());
        String second = refer(referralOfAdult());
        String firstTask = awaitTask("competent-authority", first, "reasonable-grounds-decision");
        String secondTask = awaitTask("competent-authority", second, "reasonable-grounds-decision");

        JsonNode after = queue("competent-authority-lead", "reasonable-grounds-decision");
        assertThat(count(after, "open") - count(start, "open")).isEqualTo(2);
        assertThat(count(after, "unassigned") - count(start, "unassigned")).isEqualTo(2);

        assertThat(as("competent-authority").post("/api/tasks/" + firstTask + "/assignee",
                Map.of("assignee", "someone")).status()).isEqualTo(403);
        assertThat(as("competent-authority-lead").post("/api/tasks/" + firstTask + "/assignee",
                Map.of("assignee", "competent-authority")).status()).isEqualTo(204);
        jdbc.update("UPDATE work_queue SET due_at = now() - interval '1 hour' WHERE task_id = ?", secondTask);

        JsonNode reassigned = queue("competent-authority-lead", "reasonable-grounds-decision");
        assertThat(count(reassigned, "unassigned") - count(start, "unassigned")).isEqualTo(1);
        assertThat(count(reassigned, "overdue") - count(start, "overdue")).isEqualTo(1);
        assertThat(reassigned.get("perAssignee").get("competent-authority").asInt())
                .isEqualTo(start == null || start.get("perAssignee").get("competent-authority") == null ? 1
                        : start.get("perAssignee").get("competent-authority").asInt() + 1);

        Api ca = as("competent-authority");
        assertThat(ca.getAll("/api/tasks?assignee=me").findValuesAsText("taskId")).contains(firstTask)
                .doesNotContain(secondTask);
        assertThat(ca.getAll("/api/tasks?assignee=unassigned").findValuesAsText("taskId")).contains(secondTask)
                .doesNotContain(firstTask);
        assertThat(ca.getAll("/api/tasks?dueBefore=" + Instant.now()).findValuesAsText("taskId"))
                .contains(secondTask).doesNotContain(firstTask);

        assertThat(as("competent-authority-lead").post("/api/tasks/" + firstTask + "/assignee",
                new HashMap<>(Map.of())).status()).isEqualTo(204);
        assertThat(ca.getAll("/api/tasks?assignee=unassigned").findValuesAsText("taskId")).contains(firstTask);
        // oversight sees every agency's queues; a case worker none
        assertThat(as("rapporteur").get("/api/queues").body().findValuesAsText("agency")).contains("competent-authority");
        assertThat(as("competent-authority").get("/api/queues").status()).isEqualTo(403);
    }

    @Test
    void child_cases_come_first_and_can_be_listed_alone() {
        var child = new HashMap<>(referralOfAdult());
        child.put("person", Map.of("gender", "MALE", "birthDate", "2013-04-04", "citizenships", List.of("AL")));
        String childCase = refer(child);
        String adultCase = refer(referralOfAdult());
        awaitTask("competent-authority", childCase, "reasonable-grounds-decision");
        awaitTask("competent-authority", adultCase, "reasonable-grounds-decision");

        JsonNode all = as("competent-authority").get("/api/tasks").body();
        assertThat(all.get(0).get("child").asBoolean()).isTrue();
        List<String> childOnly = as("competent-authority").getAll("/api/tasks?childOnly=true").findValuesAsText("caseId");
        assertThat(childOnly).contains(childCase).doesNotContain(adultCase);
        assertThat(as("child-services").get("/api/tasks?caseId=" + childCase).body().findValuesAsText("key"))
                .contains("guardian-appointment");
    }

    @Test
    void shelters_show_free_beds_and_who_waits_for_a_place() {
        int waitingBefore = waitingForWomen();
        String caseId = refer(referralOfAdult());
        String rg = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        as("competent-authority").post("/api/tasks/" + rg + "/complete", Map.of("outcome", "POSITIVE", "reasons", "ok"));
        String placement = awaitTask("shelter-provider", caseId, "shelter-placement");
        assertThat(waitingForWomen()).isEqualTo(waitingBefore + 1);
        int occupiedBefore = women().get("occupied").asInt();

        assertThat(as("shelter-provider").post("/api/tasks/" + placement + "/complete",
                Map.of("outcome", "PLACED", "shelterId", "shelter-women-north")).status()).isEqualTo(204);

        assertThat(waitingForWomen()).isEqualTo(waitingBefore);
        Awaitility.await().until(() -> women().get("occupied").asInt() == occupiedBefore + 1);
        JsonNode shelter = women();
        assertThat(shelter.get("free").asInt()).isEqualTo(shelter.get("capacity").asInt() - occupiedBefore - 1);
        assertThat(as("shelter-provider").get("/api/shelters").body().findValuesAsText("type"))
                .contains("ADULT_WOMEN", "ADULT_MEN", "CHILDREN", "FAMILIES");
    }

    private JsonNode women() {
        for (JsonNode shelter : as("shelter-provider").get("/api/shelters").body()) {
            if (shelter.get("shelterId").asText().equals("shelter-women-north")) {
                return shelter;
            }
        }
        throw new AssertionError("no demo shelter for women");
    }

    private int waitingForWomen() {
        return women().get("waitingForType").asInt();
    }

    @Test
    void the_htcds_export_speaks_the_standard_is_k_anonymous_and_carries_no_personal_data() throws Exception {
        String caseId = refer(referralOfAdult());
        as("police").get("/api/cases/" + caseId);
        Api.Response export = as("rapporteur").get("/api/oversight/export/htcds");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/csv");
        String csv = export.body().asText();
        java.util.List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.RFC4180.builder()
                .setHeader().get().parse(new java.io.StringReader(csv)).getRecords();
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("prs_Gender,majorityStatus,prs_Citizenship,")
                .contains("vic_TraffickingStatus").contains("vic_MethodsOfControl").contains("isSexAndLabour")
                .contains("cas_Status").contains("con_Consent").doesNotContain("caseIdentifier");
        assertThat(csv).doesNotContain(caseId).doesNotContain("Nguyen").doesNotContain("1990-03-01")
                .doesNotContain("nail bar");
        // k-anonymity (k = 11): every exported combination of quasi-identifiers describes at least 11 people
        java.util.Map<String, Integer> groups = new java.util.HashMap<>();
        for (var row : rows) {
            groups.merge(String.join("|", row.get("prs_Gender"), row.get("majorityStatus"), row.get("prs_Citizenship"),
                    row.get("cas_IncomingReferralYear"), row.get("vic_TypeOfExploitation"),
                    row.get("CountryOfExploitation")), 1, Integer::sum);
            assertThat(row.get("prs_Gender")).isIn("Feminine", "Masculine", "TransgenderFeminine",
                    "TransgenderMasculine", "NonConforming", "NonSpecifiedUnknown");
            assertThat(row.get("vic_TraffickingStatus")).isIn("PossibleVictimOfTrafficking",
                    "ActualVictimOfTrafficking", "NotAVictimOfTrafficking");
            assertThat(row.get("cas_Status")).isIn("Active", "FollowUp", "Closed", "ClosedReferred");
        }
        assertThat(groups.values()).allMatch(size -> size >= 11);
        assertThat(export.header("NRM-Disclosure-K")).isEqualTo("11");
        int records = Integer.parseInt(export.header("NRM-Disclosure-Records"));
        assertThat(records).isGreaterThanOrEqualTo(1);
        assertThat(rows.size() + Integer.parseInt(export.header("NRM-Disclosure-Suppressed"))).isEqualTo(records);
        assertThat(export.header("NRM-Disclosure-Generalised")).contains("citizenship=").contains("year=");
        Api.Response ctdc = as("rapporteur").get("/api/oversight/export/ctdc");
        assertThat(ctdc.status()).isEqualTo(200);
        assertThat(ctdc.body().asText().lines().findFirst().orElseThrow())
                .startsWith("yearOfRegistration,Datasource,gender,ageBroad,majorityStatus,")
                .endsWith("recruiterRelationOther,recruiterRelationUnknown");
        assertThat(as("police-lead").get("/api/oversight/export/htcds").status()).isEqualTo(403);
        assertThat(as("police-lead").get("/api/oversight/export/ctdc").status()).isEqualTo(403);
    }
}

package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Faults that end with the consistency checker reporting nothing once an admin has dealt with them: a poison event a
 * projection cannot apply (parked in the dead-letter queue, later events still applied, retried after the fix), and
 * a command rejected inside a service task (retried by the engine, then an incident an admin sees and retries).
 */
class FaultsEndConsistentTest extends PlatformTest {

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    private List<String> kinds(String caseId) {
        List<String> kinds = new ArrayList<>();
        as("admin").get("/api/admin/consistency?caseId=" + caseId).body().get("findings")
                .forEach(f -> kinds.add(f.get("kind").asText()));
        return kinds;
    }

    private JsonNode finding(String caseId, String kind) {
        for (JsonNode f : as("admin").get("/api/admin/consistency?caseId=" + caseId).body().get("findings")) {
            if (kind.equals(f.get("kind").asText())) {
                return f;
            }
        }
        return null;
    }

    private void awaitConsistent(String caseId) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(kinds(caseId)).isEmpty());
    }

    private String processOf(String caseId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("national-referral-mechanism")
                .processInstanceBusinessKey(caseId).singleResult().getId();
    }

    private int events(String caseId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype = ?", Integer.class, caseId, "org.nrm.referral.api." + type);
    }

    @Test
    void a_poison_event_is_parked_later_events_go_on_and_after_the_fix_and_the_admins_retry_the_check_is_clean() {
        String poisoned = refer(referralOfAdult());
        String task = awaitTask("competent-authority", poisoned, "reasonable-grounds-decision");
        awaitConsistent(poisoned);
        // the fault, from the test only: the case view's table refuses this case's move into the recovery period
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION nrm_test_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.case_id = '%s' AND NEW.stage = 'RECOVERY_PERIOD' THEN
                    RAISE EXCEPTION 'injected: the case view cannot take this event';
                  END IF;
                  RETURN NEW;
                END $$""".formatted(poisoned));
        jdbc.execute("CREATE TRIGGER nrm_test_poison BEFORE UPDATE ON case_view FOR EACH ROW "
                + "EXECUTE FUNCTION nrm_test_poison()");
        try {
            assertThat(as("competent-authority").post("/api/tasks/" + task + "/complete",
                    Map.of("outcome", "POSITIVE", "reasons", "Indicators present")).status()).isEqualTo(204);

            // parked: the dead letter names the case and the event
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (JsonNode letter : as("admin").get("/api/admin/dead-letters?processingGroup=case-views").body()) {
                    if (poisoned.equals(letter.get("sequence").asText())
                            && "RecoveryPeriodStarted".equals(letter.get("eventType").asText())) {
                        return true;
                    }
                }
                return false;
            });
            // and the projection goes on with later events of other cases
            String later = refer(referralOfAdult());
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM case_view WHERE case_id = ?", Integer.class, later) == 1);
            awaitConsistent(later);

            // the checker reports the parked event, and the case view behind the events, with the retry as repair
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> kinds(poisoned).containsAll(
                    List.of("DEAD_LETTER", "CASE_VIEW_BEHIND", "CASE_VIEW_STAGE")));
            JsonNode stage = finding(poisoned, "CASE_VIEW_STAGE");
            assertThat(stage.get("events").asText()).isEqualTo("stage RECOVERY_PERIOD");
            assertThat(stage.get("projection").asText()).isEqualTo("stage AWAITING_REASONABLE_GROUNDS");
            assertThat(stage.get("repair").asText()).contains("POST /api/admin/dead-letters/case-views/retry");
            assertThat(finding(poisoned, "DEAD_LETTER").get("projection").asText()).contains("injected");
        } finally {
            // the fix
            jdbc.execute("DROP TRIGGER IF EXISTS nrm_test_poison ON case_view");
            jdbc.execute("DROP FUNCTION IF EXISTS nrm_test_poison()");
        }

        JsonNode retry = as("admin").post("/api/admin/dead-letters/case-views/retry", Map.of()).body();
        assertThat(retry.get("sequencesSucceeded").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(retry.get("remaining").asInt()).isZero();
        awaitConsistent(poisoned);
        assertThat(as("police").get("/api/cases/" + poisoned).body().get("stage").asText())
                .isEqualTo("RECOVERY_PERIOD");
    }

    @Test
    void a_command_rejected_in_a_service_task_becomes_an_incident_the_admin_sees_and_retries_and_nothing_is_skipped() {
        String caseId = refer(referralOfAdult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        awaitConsistent(caseId);
        int breachesBefore = events(caseId, "DeadlineBreached");

        // every command for the case is refused; the reasonable-grounds deadline passes now
        faults.failCommandsFor(caseId);
        String process = processOf(caseId);
        Job deadline = management.createJobQuery().processInstanceId(process).timers().activityId("rg-deadline")
                .singleResult();
        management.setJobDuedate(deadline.getId(), new Date(System.currentTimeMillis() - 1000));

        // the engine retries the breach's service task; the test stands in for the time between retries
        JsonNode incident = Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
            for (Job failing : management.createJobQuery().processInstanceId(process).withException().list()) {
                if (failing.getRetries() > 0 && failing.getDuedate() != null
                        && failing.getDuedate().after(new Date())) {
                    management.setJobDuedate(failing.getId(), new Date());
                }
            }
            for (JsonNode candidate : as("admin").get("/api/admin/incidents").body()) {
                if (caseId.equals(candidate.path("caseId").asText())) {
                    return candidate;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
        assertThat(incident.get("type").asText()).isEqualTo("failedJob");
        assertThat(incident.get("activityId").asText()).isEqualTo("record-rg-deadline-breach");
        assertThat(incident.get("message").asText()).contains("injected");
        // nothing recorded, nothing skipped: the process still waits in the failed step, the case is reported stuck
        assertThat(events(caseId, "DeadlineBreached")).isEqualTo(breachesBefore);
        JsonNode stuck = finding(caseId, "ENGINE_INCIDENT");
        assertThat(stuck).isNotNull();
        assertThat(stuck.get("repair").asText())
                .contains("POST /api/admin/incidents/" + incident.get("id").asText() + "/retry");
        // only an admin may retry
        assertThat(as("competent-authority").post("/api/admin/incidents/" + incident.get("id").asText() + "/retry",
                Map.of()).status()).isEqualTo(403);

        // the cause is fixed, the admin retries: the breach is recorded once and the check is clean
        faults.clear();
        Api.Response retried = as("admin").post("/api/admin/incidents/" + incident.get("id").asText() + "/retry",
                Map.of());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> events(caseId, "DeadlineBreached") == breachesBefore + 1);
        awaitConsistent(caseId);
        assertThat(runtime.createIncidentQuery().processInstanceId(process).count()).isZero();
        // the task stays open after the breach
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
    }
}

package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.nrm.app.consistency.ConsistencyCheckRunner;
import org.nrm.app.consistency.ConsistencyChecker;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The consistency checker: healthy cases give no finding; each disagreement induced between the events, the engine
 * and a projection is found with its kind and repair, and once repaired the case is consistent again. Every test
 * puts back what it broke, so the shared context stays consistent for the other tests.
 */
class ConsistencyCheckerTest extends PlatformTest {

    @Autowired
    ConsistencyChecker checker;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    private JsonNode report(String caseId) {
        Api.Response response = as("admin").get("/api/admin/consistency?caseId=" + caseId);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private List<JsonNode> findings(String caseId) {
        List<JsonNode> out = new ArrayList<>();
        report(caseId).get("findings").forEach(out::add);
        return out;
    }

    private JsonNode awaitFinding(String caseId, String kind) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> findings(caseId).stream()
                .filter(f -> kind.equals(f.get("kind").asText())).findFirst().orElse(null), java.util.Objects::nonNull);
    }

    private void awaitConsistent(String caseId) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(findings(caseId)).isEmpty());
    }

    private String processOf(String caseId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId).processDefinitionKey(
                "national-referral-mechanism").singleResult().getId();
    }

    private Job timer(String caseId, String activity) {
        return management.createJobQuery().processInstanceId(processOf(caseId)).timers().activityId(activity)
                .singleResult();
    }

    private String inRecoveryPeriod() {
        String caseId = refer(referralOfAdult());
        String task = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        assertThat(as("competent-authority").post("/api/tasks/" + task + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Indicators present")).status()).isEqualTo(204);
        return caseId;
    }

    @Test
    void healthy_cases_at_several_stages_give_no_findings_one_by_one_and_all_together() {
        String awaitingDecision = refer(referralOfAdult());
        awaitTask("competent-authority", awaitingDecision, "reasonable-grounds-decision");
        String recovering = inRecoveryPeriod();
        String closed = refer(referralOfAdult());
        awaitTask("competent-authority", closed, "reasonable-grounds-decision");
        assertThat(as("competent-authority").post("/api/cases/" + closed + "/closure",
                Map.of("category", "WITHDRAWN", "reason", "Person withdrew")).status()).isEqualTo(204);

        for (String caseId : List.of(awaitingDecision, recovering, closed)) {
            awaitConsistent(caseId);
            assertThat(report(caseId).get("checkedCases").asInt()).isEqualTo(1);
        }
        JsonNode all = as("admin").get("/api/admin/consistency").body();
        assertThat(all.get("checkedCases").asInt()).isGreaterThanOrEqualTo(3);
        List<String> ours = new ArrayList<>();
        all.get("findings").forEach(f -> {
            if (Set.of(awaitingDecision, recovering, closed).contains(f.path("caseId").asText())) {
                ours.add(f.toString());
            }
        });
        assertThat(ours).isEmpty();
        // the check saw the engine's side: the case in its recovery period waits on the period's timer
        assertThat(timer(recovering, "recovery-period-over")).isNotNull();
    }

    @Test
    void a_deleted_work_queue_row_is_found_against_the_engine_task_and_its_recreation_makes_the_case_consistent() {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        awaitConsistent(caseId);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM work_queue WHERE task_id = ?", taskId);
        assertThat(rows).isNotEmpty();
        jdbc.update("DELETE FROM work_queue WHERE task_id = ?", taskId);
        try {
            JsonNode finding = awaitFinding(caseId, "WORK_QUEUE_MISSING");
            assertThat(finding.get("engine").asText()).contains(taskId).contains("competent-authority");
            assertThat(finding.get("projection").asText()).isEqualTo("no work_queue row");
            assertThat(finding.get("repair").asText()).contains("re-create the queue row").contains(taskId);
        } finally {
            for (Map<String, Object> row : rows) {
                jdbc.update("INSERT INTO work_queue (task_id, agency, case_id, task_key, name, created_at, due_at, "
                                + "assignee, child, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.get("task_id"),
                        row.get("agency"), row.get("case_id"), row.get("task_key"), row.get("name"),
                        row.get("created_at"), row.get("due_at"), row.get("assignee"), row.get("child"),
                        row.get("detail"));
            }
        }
        awaitConsistent(caseId);
    }

    @Test
    void a_work_queue_row_without_an_open_task_is_an_orphan() {
        String caseId = refer(referralOfAdult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        awaitConsistent(caseId);
        jdbc.update("INSERT INTO work_queue (task_id, agency, case_id, task_key, name, created_at) "
                + "VALUES ('gone-task', 'police', ?, 'reasonable-grounds-decision', 'Gone', now())", caseId);
        try {
            JsonNode finding = awaitFinding(caseId, "WORK_QUEUE_ORPHAN");
            assertThat(finding.get("engine").asText()).contains("no open task gone-task");
            assertThat(finding.get("repair").asText()).contains("DELETE FROM work_queue WHERE task_id = 'gone-task'");
        } finally {
            jdbc.update("DELETE FROM work_queue WHERE task_id = 'gone-task'");
        }
        awaitConsistent(caseId);
    }

    @Test
    void a_changed_case_view_stage_is_found_against_the_events_with_a_replay_as_repair() {
        String caseId = refer(referralOfAdult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        awaitConsistent(caseId);
        jdbc.update("UPDATE case_view SET stage = 'SUPPORT' WHERE case_id = ?", caseId);
        try {
            JsonNode finding = awaitFinding(caseId, "CASE_VIEW_STAGE");
            assertThat(finding.get("events").asText()).isEqualTo("stage AWAITING_REASONABLE_GROUNDS");
            assertThat(finding.get("projection").asText()).isEqualTo("stage SUPPORT");
            assertThat(finding.get("repair").asText()).contains("/api/admin/processors/case-views/replay");
        } finally {
            jdbc.update("UPDATE case_view SET stage = 'AWAITING_REASONABLE_GROUNDS' WHERE case_id = ?", caseId);
        }
        awaitConsistent(caseId);
    }

    @Test
    void a_deleted_timer_is_found_and_restarting_its_task_sets_it_again() {
        String caseId = refer(referralOfAdult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        awaitConsistent(caseId);
        Job timer = timer(caseId, "rg-deadline");
        Date due = timer.getDuedate();
        jdbc.update("DELETE FROM act_ru_job WHERE id_ = ?", timer.getId());

        JsonNode finding = awaitFinding(caseId, "TIMER_MISSING");
        assertThat(finding.get("engine").asText()).isEqualTo("no timer job for rg-deadline");
        assertThat(finding.get("events").asText()).startsWith("reasonable-grounds decision due ");
        assertThat(finding.get("repair").asText()).contains("reasonable-grounds-decision");

        // the suggested repair: the task is restarted, the engine sets its boundary timer again from the variables
        runtime.createProcessInstanceModification(processOf(caseId))
                .cancelAllForActivity("reasonable-grounds-decision")
                .startBeforeActivity("reasonable-grounds-decision")
                .execute();
        awaitConsistent(caseId);
        assertThat(timer(caseId, "rg-deadline").getDuedate()).isEqualTo(due);
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
    }

    @Test
    void a_lost_shelter_placement_or_permit_decision_is_found_and_restarting_them_makes_the_case_consistent() {
        String caseId = inRecoveryPeriod();
        awaitTask("shelter-provider", caseId, "shelter-placement");
        awaitTask("immigration-service", caseId, "residence-permit-decision");
        awaitConsistent(caseId);
        // both tasks lost while the case goes on (as a reopening did before it restored them)
        runtime.createProcessInstanceModification(processOf(caseId))
                .cancelAllForActivity("shelter-placement")
                .cancelAllForActivity("residence-permit-decision")
                .execute();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> findings(caseId).stream()
                .filter(f -> "PENDING_TASK_MISSING".equals(f.get("kind").asText())).count() == 2);
        List<String> engine = findings(caseId).stream().filter(f -> "PENDING_TASK_MISSING".equals(
                f.get("kind").asText())).map(f -> f.get("engine").asText()).toList();
        assertThat(engine).containsExactlyInAnyOrder("no open shelter-placement task",
                "no open residence-permit-decision task");

        // the suggested repairs: each started again before its step
        runtime.createProcessInstanceModification(processOf(caseId))
                .startBeforeActivity("pick-shelter-type")
                .startBeforeActivity("residence-permit-decision")
                .execute();
        awaitConsistent(caseId);
        String placement = awaitTask("shelter-provider", caseId, "shelter-placement");
        // a placement declined by the person settles it: nothing is owed any more
        assertThat(as("shelter-provider").post("/api/tasks/" + placement + "/complete",
                Map.of("outcome", "DECLINED")).status()).isEqualTo(204);
        awaitConsistent(caseId);
    }

    @Test
    void a_reopened_case_whose_bed_the_closure_freed_is_owed_a_placement_again() {
        String caseId = inRecoveryPeriod();
        awaitTask("immigration-service", caseId, "residence-permit-decision");
        String placement = awaitTask("shelter-provider", caseId, "shelter-placement");
        String shelter = "t-cc-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertThat(as("admin").post("/api/admin/shelters", Map.of("shelterId", shelter, "name", "Test",
                "type", "ADULT_WOMEN", "capacity", 2, "address", "2 Hidden Road")).status()).isEqualTo(201);
        assertThat(as("shelter-provider").post("/api/tasks/" + placement + "/complete",
                Map.of("outcome", "PLACED", "shelterId", shelter)).status()).isEqualTo(204);
        assertThat(as("competent-authority").post("/api/cases/" + caseId + "/closure",
                Map.of("category", "LOST_CONTACT", "reason", "No contact")).status()).isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
                .processDefinitionKey("national-referral-mechanism").processInstanceBusinessKey(caseId).count() == 0);
        assertThat(as("competent-authority").post("/api/cases/" + caseId + "/reopening",
                Map.of("reason", "Back in contact")).status()).isEqualTo(204);
        awaitTask("shelter-provider", caseId, "shelter-placement");
        awaitConsistent(caseId);

        // the placement the reopening owes her, lost: found (the closure's PlacementEnded, then CaseReopened)
        runtime.createProcessInstanceModification(processOf(caseId)).cancelAllForActivity("shelter-placement")
                .execute();
        assertThat(awaitFinding(caseId, "PENDING_TASK_MISSING").get("events").asText())
                .isEqualTo("accommodation needed, neither placed nor declined");
        runtime.createProcessInstanceModification(processOf(caseId)).startBeforeActivity("pick-shelter-type")
                .execute();
        awaitConsistent(caseId);
    }

    @Test
    void a_timer_due_at_another_time_than_the_events_say_is_found() {
        String caseId = inRecoveryPeriod();
        awaitConsistent(caseId);
        Job timer = timer(caseId, "recovery-period-over");
        Date due = timer.getDuedate();
        management.setJobDuedate(timer.getId(), new Date(due.getTime() + Duration.ofDays(3).toMillis()));
        try {
            JsonNode finding = awaitFinding(caseId, "TIMER_DUE_DATE");
            assertThat(finding.get("events").asText()).startsWith("recovery period ends ");
            assertThat(finding.get("engine").asText()).contains(timer.getId());
            assertThat(finding.get("repair").asText()).contains("set the due date of job " + timer.getId());
        } finally {
            management.setJobDuedate(timer.getId(), due);
        }
        awaitConsistent(caseId);
    }

    @Test
    void a_process_left_running_for_a_closed_case_is_found_and_ending_it_makes_the_case_consistent() {
        String caseId = refer(referralOfAdult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        awaitConsistent(caseId);
        String process = processOf(caseId);
        // the closure cannot reach a suspended process: it keeps running after the case is closed
        runtime.suspendProcessInstanceById(process);
        assertThat(as("competent-authority").post("/api/cases/" + caseId + "/closure",
                Map.of("category", "WITHDRAWN", "reason", "Person withdrew")).status()).isEqualTo(204);

        JsonNode finding = awaitFinding(caseId, "PROCESS_RUNNING_AFTER_CLOSURE");
        assertThat(finding.get("events").asText()).isEqualTo("closed");
        assertThat(finding.get("engine").asText()).isEqualTo("process instance running");
        assertThat(finding.get("repair").asText()).contains("delete the case's process instance");
        // the closure's delivery to the process fails and is retried: not silently skipped
        awaitFinding(caseId, "ENGINE_JOB_FAILING");

        runtime.deleteProcessInstance(process, "case closed");
        // the next retry of the delivery finds no process to deliver to and ends
        awaitConsistent(caseId);
    }

    @Test
    void the_check_is_for_admins_only_and_refuses_a_malformed_case_id() {
        for (String user : List.of("police", "competent-authority", "oversight")) {
            assertThat(as(user).get("/api/admin/consistency").status()).isEqualTo(403);
            assertThat(as(user).get("/api/admin/incidents").status()).isEqualTo(403);
        }
        assertThat(anonymous().get("/api/admin/consistency").status()).isEqualTo(401);
        Api.Response tooLong = as("admin").get("/api/admin/consistency?caseId=" + "x".repeat(65));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.isProblem()).isTrue();
        assertThat(as("admin").post("/api/admin/incidents/no-such-incident/retry", Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void the_command_line_check_prints_the_report_and_exits_0_when_consistent_and_1_otherwise() throws Exception {
        String caseId = refer(referralOfAdult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        awaitConsistent(caseId);

        ByteArrayOutputStream healthy = new ByteArrayOutputStream();
        ConsistencyCheckRunner runner = new ConsistencyCheckRunner(checker, caseId,
                new PrintStream(healthy, true, StandardCharsets.UTF_8));
        runner.run(null);
        assertThat(runner.getExitCode()).isZero();
        JsonNode printed = new ObjectMapper().readTree(healthy.toString(StandardCharsets.UTF_8));
        assertThat(printed.get("checkedCases").asInt()).isEqualTo(1);
        assertThat(printed.get("findings")).isEmpty();

        jdbc.update("UPDATE case_view SET stage = 'CLOSED' WHERE case_id = ?", caseId);
        try {
            ByteArrayOutputStream broken = new ByteArrayOutputStream();
            ConsistencyCheckRunner again = new ConsistencyCheckRunner(checker, caseId,
                    new PrintStream(broken, true, StandardCharsets.UTF_8));
            again.run(null);
            assertThat(again.getExitCode()).isEqualTo(1);
            assertThat(new ObjectMapper().readTree(broken.toString(StandardCharsets.UTF_8)).get("findings").get(0)
                    .get("kind").asText()).isEqualTo("CASE_VIEW_STAGE");
        } finally {
            jdbc.update("UPDATE case_view SET stage = 'AWAITING_REASONABLE_GROUNDS' WHERE case_id = ?", caseId);
        }
        assertThat(ConsistencyCheckRunner.requested(new String[] {"--nrm.check=all"})).isTrue();
        assertThat(ConsistencyCheckRunner.requested(new String[] {"--server.port=0"})).isFalse();
    }
}

package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PlatformTest;
import org.nrm.workflow.LeanHistory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's history level (docs/adr/008, issue #19): a referral and its decision leave in the engine's history
 * only the mechanism's process instance; no variable, task instance, identity link, variable detail, activity instance of a step the reopening does not read, job log entry of a success, DMN evaluation, nor
 * anything of the correlation process. The platform's own record answers a repeated completion.
 */
class LeanHistoryTest extends PlatformTest {

    @Autowired
    ProcessEngine engine;

    @Test
    void the_engine_runs_at_the_lean_level_its_database_records() {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getHistoryLevel().getName()).isEqualTo(LeanHistory.NAME);
        assertThat(jdbc.queryForObject("SELECT value_ FROM act_ge_property WHERE name_ = 'historyLevel'",
                String.class)).isEqualTo(String.valueOf(LeanHistory.ID));
    }

    @Test
    void a_referral_and_its_decision_leave_only_the_instance_in_the_engines_history() {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        assertThat(as("competent-authority").post("/api/tasks/" + taskId + "/claim", Map.of()).status())
                .isEqualTo(204);
        assertThat(as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account")).status()).isEqualTo(204);
        awaitTask("shelter-provider", caseId, "shelter-placement");
        String instance = jdbc.queryForObject("SELECT proc_inst_id_ FROM act_hi_procinst WHERE business_key_ = ? "
                + "AND proc_def_key_ = 'national-referral-mechanism'", String.class, caseId);

        for (String table : new String[] {"act_hi_varinst", "act_hi_taskinst", "act_hi_detail", "act_hi_actinst",
            "act_hi_job_log", "act_hi_decinst"}) {
            assertThat(count("SELECT count(*) FROM " + table + " WHERE proc_inst_id_ = ?"
                    .replace("proc_inst_id_", table.equals("act_hi_job_log") ? "process_instance_id_"
                            : "proc_inst_id_"), instance)).as(table).isZero();
        }
        assertThat(count("SELECT count(*) FROM act_hi_identitylink WHERE task_id_ = ?", taskId))
                .as("candidate groups of the task").isZero();
        assertThat(count("SELECT count(*) FROM act_hi_procinst WHERE business_key_ = ? "
                + "AND proc_def_key_ = 'domain-event-correlation'", caseId)).as("correlation processes").isZero();

        // the platform's own record of the completed task, with who held it
        assertThat(jdbc.queryForList("SELECT agency, assignee, ended FROM completed_task WHERE task_id = ?", taskId))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("agency")).isEqualTo("competent-authority");
                    assertThat(row.get("assignee")).isEqualTo("competent-authority");
                    assertThat(row.get("ended")).isEqualTo("completed");
                });
        var again = as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account"));
        assertThat(again.status()).as("a repeated completion, answered from completed_task").isEqualTo(409);
        assertThat(again.body().get("detail").asText()).contains("already completed");
        assertThat(again.body().get("rule").asText()).isEqualTo("task-completed");
        assertThat(as("shelter-provider").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "x")).status())
                .as("an agency whose queue never held the task").isEqualTo(404);
    }

    @Test
    void a_closed_cases_last_variables_are_the_platforms_record_and_its_reopening_restores_them() {
        Map<String, Object> referral = referralOfAdult();
        String caseId = refer(referral);
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        String first = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .processDefinitionKey("national-referral-mechanism").singleResult().getId();
        Map<String, Object> running = engine.getRuntimeService().getVariables(first);
        assertThat(as("competent-authority").post("/api/cases/" + caseId + "/closure",
                Map.of("category", "LOST_CONTACT", "reason", "No contact")).status()).isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> engine.getRuntimeService()
                .createProcessInstanceQuery().processInstanceId(first).count() == 0);

        assertThat(count("SELECT count(*) FROM act_hi_varinst WHERE proc_inst_id_ = ?", first))
                .as("the engine's history keeps no variable").isZero();
        Map<String, Object> recorded = jdbc.queryForMap("SELECT process_instance_id, variables::text AS variables "
                + "FROM process_end_state WHERE case_id = ?", caseId);
        assertThat(recorded.get("process_instance_id")).isEqualTo(first);
        assertThat((String) recorded.get("variables")).contains("\"foreignNational\": \"b:")
                .contains("\"gender\": \"s:" + running.get("gender") + "\"")
                .contains("\"reasonableGroundsDueAt\": \"d:"
                        + ((java.util.Date) running.get("reasonableGroundsDueAt")).getTime() + "\"")
                .as("the ones the reopening sets from its own event").doesNotContain("caseId").doesNotContain("child");

        assertThat(as("competent-authority").post("/api/cases/" + caseId + "/reopening",
                Map.of("reason", "Back in contact")).status()).isEqualTo(204);
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        String second = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .processDefinitionKey("national-referral-mechanism").singleResult().getId();
        assertThat(second).isNotEqualTo(first);
        Map<String, Object> restored = engine.getRuntimeService().getVariables(second);
        for (String name : new String[] {"foreignNational", "needsAccommodation", "gender", "countryOfReturn"}) {
            assertThat(restored.get(name)).as(name).isEqualTo(running.get(name));
        }
        assertThat(restored.get("reasonableGroundsDueAt")).isInstanceOf(java.util.Date.class);
    }

    private long count(String sql, Object arg) {
        return jdbc.queryForObject(sql, Long.class, arg);
    }
}

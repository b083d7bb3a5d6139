package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;

/** A task's completion and the events it causes commit together or not at all. */
class TaskCompletionAtomicityTest extends PlatformTest {

    private static final Map<String, Object> POSITIVE = Map.of("outcome", "POSITIVE", "reasons", "Credible account");

    @Autowired
    TaskService tasks;

    @Test
    void when_the_command_fails_the_task_stays_open_and_no_event_is_stored() {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        faults.failCommandsFor(caseId);

        Api.Response response = as("competent-authority").post("/api/tasks/" + taskId + "/complete", POSITIVE);

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.body().toString()).doesNotContain("Exception").doesNotContain("at org.");
        assertTaskStillOpen(caseId, taskId);
        assertThat(storedEvents(caseId)).isEqualTo(1);
    }

    @Test
    void when_the_engine_fails_after_the_events_were_appended_the_events_are_rolled_back_with_it() {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        faults.failTaskCompletionsFor(caseId);

        Api.Response response = as("competent-authority").post("/api/tasks/" + taskId + "/complete", POSITIVE);

        assertThat(response.status()).isEqualTo(500);
        assertTaskStillOpen(caseId, taskId);
        assertThat(storedEvents(caseId)).isEqualTo(1);
        assertThat(as("competent-authority").get("/api/cases/" + caseId).body().get("stage").asText())
                .isEqualTo("AWAITING_REASONABLE_GROUNDS");

        faults.clear();
        assertThat(as("competent-authority").post("/api/tasks/" + taskId + "/complete", POSITIVE).status())
                .isEqualTo(204);
        assertThat(storedEvents(caseId)).isEqualTo(3);
    }

    @Test
    void of_two_concurrent_completions_of_one_task_exactly_one_wins_and_the_decision_is_recorded_once()
            throws Exception {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> results = new ArrayList<>();
            for (String outcome : List.of("POSITIVE", "NEGATIVE")) {
                results.add(pool.submit(() -> {
                    start.await();
                    return as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                            Map.of("outcome", outcome, "reasons", "decided " + outcome));
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> result : results) {
                statuses.add(result.get().status());
            }
            assertThat(statuses).containsExactlyInAnyOrder(204, 409);
        } finally {
            pool.shutdownNow();
        }
        Integer decisions = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE '%ReasonableGroundsDecided'", Integer.class, caseId);
        assertThat(decisions).isEqualTo(1);
        assertThat(tasks.createTaskQuery().taskId(taskId).count()).isZero();
    }

    private void assertTaskStillOpen(String caseId, String taskId) {
        assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM work_queue WHERE task_id = ?", Integer.class, taskId))
                .isEqualTo(1);
        assertThat(as("competent-authority").get("/api/tasks?caseId=" + caseId).body()).hasSize(1);
    }
}

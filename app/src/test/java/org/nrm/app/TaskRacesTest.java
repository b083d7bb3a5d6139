package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.nrm.app.consistency.ConsistencyChecker;
import org.nrm.app.support.Api;
import org.nrm.app.support.Consistency;
import org.nrm.app.support.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Races on tasks, with real concurrency against the running platform (HTTP clients on threads released at once, many
 * rounds, each bounded): exactly one of two conflicting steps wins, every loser gets a {@code 409} problem, nothing is
 * lost or recorded twice, and each race ends with the consistency checker reporting nothing for its cases.
 */
class TaskRacesTest extends PlatformTest {

    private static final Map<String, Object> POSITIVE = Map.of("outcome", "POSITIVE", "reasons", "Credible account");

    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ConsistencyChecker checker;

    @Test
    void a_lead_claiming_a_task_while_a_worker_completes_it_never_lets_both_succeed() throws Exception {
        List<String> raced = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            String caseId = refer(referralOfAdult());
            raced.add(caseId);
            String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");

            List<Api.Response> answers = race(List.of(
                    () -> as("competent-authority").post("/api/tasks/" + taskId + "/complete", POSITIVE),
                    () -> as("competent-authority-lead").post("/api/tasks/" + taskId + "/claim", Map.of())));

            Api.Response complete = answers.get(0);
            Api.Response claim = answers.get(1);
            assertThat(List.of(complete.status(), claim.status())).as("round %d: %s / %s", round, complete, claim)
                    .containsExactlyInAnyOrder(204, 409);
            Api.Response loser = complete.status() == 409 ? complete : claim;
            assertThat(loser.isProblem()).isTrue();
            if (complete.status() == 204) {
                assertThat(decider(taskId)).as("round %d", round).isIn(null, "competent-authority");
                assertThat(decisions(caseId, "ReasonableGroundsDecided")).isEqualTo(1);
            } else {
                assertThat(jdbc.queryForObject("SELECT max(assignee) FROM work_queue WHERE task_id = ?",
                        String.class, taskId)).isEqualTo("competent-authority-lead");
                assertThat(decisions(caseId, "ReasonableGroundsDecided")).isZero();
            }
        }
        Consistency.assertConsistent(checker, raced);
    }

    @Test
    void a_lead_assigning_a_task_while_a_worker_completes_it_never_lets_both_succeed() throws Exception {
        List<String> raced = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            String caseId = refer(referralOfAdult());
            raced.add(caseId);
            String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");

            List<Api.Response> answers = race(List.of(
                    () -> as("competent-authority").post("/api/tasks/" + taskId + "/complete", POSITIVE),
                    () -> as("competent-authority-lead").post("/api/tasks/" + taskId + "/assignee",
                            Map.of("assignee", "competent-authority-lead"))));

            assertThat(List.of(answers.get(0).status(), answers.get(1).status())).as("round %d: %s", round, answers)
                    .containsExactlyInAnyOrder(204, 409);
            if (answers.get(0).status() == 204) {
                assertThat(decider(taskId)).isIn(null, "competent-authority");
            } else {
                assertThat(answers.get(0).isProblem()).isTrue();
                assertThat(decisions(caseId, "ReasonableGroundsDecided")).isZero();
            }
        }
        Consistency.assertConsistent(checker, raced);
    }

    @Test
    void of_twenty_concurrent_completions_of_one_task_one_wins_and_every_other_gets_a_409_problem() throws Exception {
        List<String> raced = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            String caseId = refer(referralOfAdult());
            raced.add(caseId);
            String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
            List<Callable<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String outcome = i % 2 == 0 ? "POSITIVE" : "NEGATIVE";
                calls.add(() -> as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                        Map.of("outcome", outcome, "reasons", "decided " + outcome)));
            }

            List<Api.Response> answers = race(calls);

            assertThat(answers.stream().filter(a -> a.status() == 204)).as("round %d", round).hasSize(1);
            assertThat(answers.stream().filter(a -> a.status() != 204))
                    .as("round %d: %s", round, answers)
                    .hasSize(19)
                    .allSatisfy(loser -> {
                        assertThat(loser.status()).isEqualTo(409);
                        assertThat(loser.isProblem()).isTrue();
                    });
            assertThat(decisions(caseId, "ReasonableGroundsDecided")).isEqualTo(1);
            assertThat(tasks.createTaskQuery().taskId(taskId).count()).isZero();
        }
        Consistency.assertConsistent(checker, raced);
    }

    /**
     * A child whose age is uncertain: the guardian's appointment, the age assessment and the reasonable-grounds decision
     * are open at once, all three steps on the one case. Completed at the same moment, each either succeeds or gets
     * 409 (the case changed meanwhile) and stays open; retried, each is recorded exactly once.
     */
    @Test
    void decisions_on_one_case_through_different_tasks_at_once_are_each_recorded_once_and_losers_get_409()
            throws Exception {
        List<String> raced = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            var referral = new HashMap<>(referralOfAdult());
            referral.put("person", Map.of("givenName", "Ana", "gender", "FEMALE", "birthDate", "2012-05-05",
                    "ageUncertain", true, "citizenships", List.of("AL"), "languages", List.of("sqi")));
            String caseId = refer(referral);
            raced.add(caseId);
            Map<String, Map<String, Object>> bodies = Map.of(
                    awaitTask("child-services", caseId, "guardian-appointment") + " child-services",
                    Map.of("outcome", "APPOINTED", "guardianName", "Guardian"),
                    awaitTask("child-services", caseId, "age-assessment") + " child-services",
                    Map.of("outcome", "CHILD"),
                    awaitTask("competent-authority", caseId, "reasonable-grounds-decision") + " competent-authority",
                    POSITIVE);
            List<String> pending = new ArrayList<>(bodies.keySet());
            for (int attempt = 0; attempt < 5 && !pending.isEmpty(); attempt++) {
                List<Callable<Api.Response>> calls = new ArrayList<>();
                for (String task : pending) {
                    String[] idAndUser = task.split(" ");
                    calls.add(() -> as(idAndUser[1]).post("/api/tasks/" + idAndUser[0] + "/complete", bodies.get(task)));
                }
                List<Api.Response> answers = race(calls);
                List<String> stillOpen = new ArrayList<>();
                for (int i = 0; i < answers.size(); i++) {
                    Api.Response answer = answers.get(i);
                    String taskId = pending.get(i).split(" ")[0];
                    assertThat(answer.status()).as("round %d: %s", round, answer).isIn(204, 409);
                    if (answer.status() == 409) {
                        assertThat(answer.isProblem()).isTrue();
                        assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
                        stillOpen.add(pending.get(i));
                    } else {
                        assertThat(tasks.createTaskQuery().taskId(taskId).count()).isZero();
                    }
                }
                pending = stillOpen;
            }
            assertThat(pending).as("round %d: every decision recorded after retries", round).isEmpty();
            assertThat(decisions(caseId, "GuardianAppointed")).isEqualTo(1);
            assertThat(decisions(caseId, "AgeAssessed")).isEqualTo(1);
            assertThat(decisions(caseId, "ReasonableGroundsDecided")).isEqualTo(1);
        }
        Consistency.assertConsistent(checker, raced);
    }

    /**
     * The reasonable-grounds deadline's timer (a boundary timer on the task) fires while the task is completed: the
     * engine's job is executed on one thread as the completion arrives on another. Either may win; the decision is
     * recorded exactly once (after a retry if the completion lost with 409), the breach at most once, no job is left
     * failing and no incident is raised.
     */
    @Test
    void a_deadline_timer_firing_while_its_task_is_completed_loses_nothing_and_doubles_nothing() throws Exception {
        List<String> raced = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            String caseId = refer(referralOfAdult());
            raced.add(caseId);
            String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
            String processInstanceId = tasks.createTaskQuery().taskId(taskId).singleResult().getProcessInstanceId();
            Job timer = management.createJobQuery().processInstanceId(processInstanceId).timers()
                    .activityId("rg-deadline").singleResult();
            assertThat(timer).isNotNull();
            management.setJobDuedate(timer.getId(), new java.util.Date(System.currentTimeMillis() - 1_000));

            List<Object> answers = race(List.of(
                    () -> as("competent-authority").post("/api/tasks/" + taskId + "/complete", POSITIVE),
                    () -> {
                        try {
                            management.executeJob(timer.getId());
                            return "fired";
                        } catch (RuntimeException lost) {
                            return "timer lost: " + lost.getClass().getSimpleName();
                        }
                    }));

            Api.Response completion = (Api.Response) answers.get(0);
            assertThat(completion.status()).as("round %d: %s / %s", round, completion, answers.get(1)).isIn(204, 409);
            if (completion.status() == 409) {
                assertThat(completion.isProblem()).isTrue();
                assertThat(decisions(caseId, "ReasonableGroundsDecided")).isZero();
                assertThat(as("competent-authority").post("/api/tasks/" + taskId + "/complete", POSITIVE).status())
                        .isEqualTo(204);
            }
            runDueAsyncJobs(processInstanceId);
            assertThat(decisions(caseId, "ReasonableGroundsDecided")).as("round %d", round).isEqualTo(1);
            assertThat(decisions(caseId, "DeadlineBreached")).as("round %d", round).isLessThanOrEqualTo(1);
            assertThat(tasks.createTaskQuery().taskId(taskId).count()).isZero();
            assertThat(management.createJobQuery().processInstanceId(processInstanceId).timers()
                    .activityId("rg-deadline").count()).isZero();
            assertThat(runtime.createIncidentQuery().processInstanceId(processInstanceId).count()).isZero();
        }
        Consistency.assertConsistent(checker, raced);
    }

    /** Runs the process's asynchronous continuations now (a failed one would otherwise retry after 30 s). */
    private void runDueAsyncJobs(String processInstanceId) {
        for (int pass = 0; pass < 20; pass++) {
            List<Job> jobs = management.createJobQuery().processInstanceId(processInstanceId).messages()
                    .withRetriesLeft().list();
            if (jobs.isEmpty()) {
                return;
            }
            for (Job job : jobs) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException lostToTheJobExecutor) {
                    // the job executor ran it (or it failed and will be retried): the next pass looks again
                }
            }
        }
        assertThat(management.createJobQuery().processInstanceId(processInstanceId).messages().withRetriesLeft()
                .count()).as("asynchronous jobs still pending").isZero();
    }

    /** Who held the task when it was completed: the platform's record of ended tasks (the engine keeps no task history). */
    private String decider(String taskId) {
        List<String> holders = jdbc.queryForList("SELECT DISTINCT coalesce(assignee, '') FROM completed_task "
                + "WHERE task_id = ? AND ended = 'completed'", String.class, taskId);
        assertThat(holders).as("task %s recorded as completed, by one holder", taskId).hasSize(1);
        return holders.get(0).isEmpty() ? null : holders.get(0);
    }

    private int decisions(String caseId, String eventType) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE ?", Integer.class, caseId, "%." + eventType);
    }

    /** Runs the calls on threads released at one moment; each answer in the order of the calls. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> race(List<? extends Callable<? extends T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<? extends T> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return (T) call.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            start.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> future : futures) {
                answers.add(future.get(90, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}

package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformNodes;
import org.nrm.app.support.PlatformNodes.Node;

/**
 * The platform on an external PostgreSQL server (a process of its own that keeps running), killed with SIGKILL in
 * the middle of a load of referrals and reasonable-grounds decisions, then started again: every referral and every
 * decision that got a success answer is in the store exactly once, the open tasks and the deadline timers resume on
 * the restarted node, and the views converge. (The embedded default: {@link CrashRestartTest}.)
 */
class ExternalPostgresCrashTest {

    private static final String DECISION_REASONS = "Credible account, decided before the crash";

    @TempDir
    Path temp;

    @Test
    void every_acknowledged_referral_and_decision_survives_a_kill_9_and_tasks_timers_and_views_resume()
            throws Exception {
        try (PlatformNodes platform = PlatformNodes.onExternalPostgres(temp)) {
            Node first = platform.start("first");
            long postgresPid = platform.database().postmasterPid().orElseThrow();

            Set<String> referred = ConcurrentHashMap.newKeySet();
            Set<String> decided = ConcurrentHashMap.newKeySet();
            Set<String> decisionsTried = ConcurrentHashMap.newKeySet();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(3);
            for (int i = 0; i < 2; i++) {
                clients.submit(() -> {
                    while (running.get()) {
                        try {
                            Api.Response response = first.as("police").post("/api/referrals", referral());
                            if (response.status() == 201) {
                                referred.add(response.body().get("caseId").asText());
                            }
                        } catch (RuntimeException e) {
                            // the platform is gone: what it acknowledged before is what counts
                        }
                    }
                    return null;
                });
            }
            clients.submit(() -> {
                Api authority = first.as("competent-authority");
                while (running.get()) {
                    try {
                        for (JsonNode task : authority.getAll("/api/tasks?limit=500")) {
                            String caseId = task.path("caseId").asText();
                            if (!running.get() || !"reasonable-grounds-decision".equals(task.path("key").asText())
                                    || !referred.contains(caseId) || !decisionsTried.add(caseId)) {
                                continue;
                            }
                            String taskId = task.get("taskId").asText();
                            if (authority.post("/api/tasks/" + taskId + "/claim", Map.of()).status() == 204
                                    && authority.post("/api/tasks/" + taskId + "/complete", Map.of("outcome",
                                    "POSITIVE", "reasons", DECISION_REASONS)).status() == 204) {
                                decided.add(caseId);
                            }
                        }
                    } catch (RuntimeException e) {
                        // as above
                    }
                }
                return null;
            });
            try {
                Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
                        .until(() -> referred.size() >= 20 && decided.size() >= 5);
                first.kill(); // SIGKILL, mid-load
            } finally {
                running.set(false);
                clients.shutdown();
                assertThat(clients.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
            }
            Set<String> acknowledged = Set.copyOf(referred);
            Set<String> acknowledgedDecisions = Set.copyOf(decided);
            Set<String> undecided = new HashSet<>(acknowledged);
            undecided.removeAll(decisionsTried);

            // the database server did not go down with the application
            assertThat(ProcessHandle.of(postgresPid).map(ProcessHandle::isAlive)).contains(true);

            Node second = platform.start("restarted");
            for (String caseId : acknowledged) {
                assertThat(platform.count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND sequencenumber = 0", caseId)).as("referral events of " + caseId).isEqualTo(1);
                assertThat(platform.count("SELECT count(*) FROM act_hi_procinst WHERE business_key_ = ?", caseId))
                        .as("processes of " + caseId).isEqualTo(1);
                if (acknowledgedDecisions.contains(caseId)) {
                    assertThat(decisions(platform, caseId)).as("decisions of " + caseId).isEqualTo(1);
                } else if (undecided.contains(caseId)) {
                    assertThat(decisions(platform, caseId)).as("decisions of " + caseId).isZero();
                }
            }
            for (String caseId : decisionsTried) {
                assertThat(decisions(platform, caseId)).as("decisions of " + caseId).isBetween(0L, 1L);
            }

            // timers resume: every undecided case's reasonable-grounds deadline is breached, once, also those due
            // while no node ran
            assertThat(undecided).isNotEmpty();
            for (String caseId : undecided) {
                try {
                    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                            .until(() -> breaches(platform, caseId) >= 1);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("no breach of " + caseId + "; its timer jobs (lock owner, lock expiry, "
                            + "due): " + platform.rows("SELECT j.lock_owner_, j.lock_exp_time_, j.duedate_, "
                            + "j.retries_ FROM act_ru_job j JOIN act_ru_execution p ON p.id_ = j.process_instance_id_ "
                            + "WHERE p.business_key_ = ?", caseId), e);
                }
            }
            for (String caseId : undecided) {
                assertThat(breaches(platform, caseId)).as("breaches of " + caseId).isEqualTo(1);
            }
            // views converge: every case readable, every acknowledged decision shown
            Api authority = second.as("competent-authority");
            for (String caseId : acknowledged) {
                // a decided case has moved past the reasonable-grounds stage (under demo-fast its 30-day recovery
                // period lasts 30 seconds, so where it is now depends on the run); the checker at the end compares
                // every view with the events
                boolean decidedCase = acknowledgedDecisions.contains(caseId);
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                    Api.Response view = authority.get("/api/cases/" + caseId);
                    return view.status() == 200 && (!decidedCase
                            || !"AWAITING_REASONABLE_GROUNDS".equals(view.body().path("stage").asText()));
                });
            }
            // tasks resume: an open decision of a case referred before the crash is taken on the restarted node
            List<String> someUndecided = undecided.stream().sorted().limit(3).toList();
            for (String caseId : someUndecided) {
                String taskId = TwoNodesTest.awaitTask(second, caseId, "reasonable-grounds-decision");
                assertThat(authority.post("/api/tasks/" + taskId + "/claim", Map.of()).status()).isEqualTo(204);
                Api.Response completion = authority.post("/api/tasks/" + taskId + "/complete",
                        Map.of("outcome", "POSITIVE", "reasons", "Decided after the restart"));
                assertThat(completion.status()).as(completion.toString()).isEqualTo(204);
                assertThat(decisions(platform, caseId)).isEqualTo(1);
            }
            // and it takes new referrals
            assertThat(second.as("police").post("/api/referrals", referral()).status()).isEqualTo(201);
            TwoNodesTest.assertConsistencyCheckerFindsNothing(second);
        }
    }

    private static long breaches(PlatformNodes platform, String caseId) {
        return platform.count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE '%DeadlineBreached'", caseId);
    }

    private static long decisions(PlatformNodes platform, String caseId) {
        return platform.count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE '%ReasonableGroundsDecided'", caseId);
    }

    private static Map<String, Object> referral() {
        return Map.of("person", Map.of("givenName", "Crash", "familyName", "External", "birthDate", "1990-03-01",
                        "gender", "FEMALE", "citizenships", List.of("VN"), "languages", List.of("vie")),
                "exploitationTypes", List.of("FORCED_LABOUR"), "exploitationLocation", "DOMESTIC",
                "indicators", List.of("DOCUMENTS_WITHHELD"), "consentToReferral", true, "needsAccommodation", true,
                "narrative", "Referred while the platform was about to be killed");
    }
}

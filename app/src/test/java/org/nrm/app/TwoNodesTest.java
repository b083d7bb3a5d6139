package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformNodes;
import org.nrm.app.support.PlatformNodes.Node;

/**
 * Two application instances (two JVMs, each with its own web server, tracking processors and Camunda job executor)
 * on one PostgreSQL server of their own ("external": a separate process reached by JDBC URL), under demo-fast (a day
 * lasts a second, so the reasonable-grounds deadline of a new referral falls due within seconds).
 *
 * <p>The case views run as a tracking processor with 2 segments (application.yml). A tracking processor claims at most
 * one segment per thread: with 2 threads a node that starts first claims both, and the other has nothing to do until
 * it fails. To show both the sharing and the hand-over, node A runs with 1 thread (it claims one segment, node B the
 * other) and node B with the production 2 (so it can carry both once A is gone).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesTest {

    private static final String PROCESSOR = "case-views";
    private static final String BREACH = "%DeadlineBreached";

    private Path directory;
    private PlatformNodes platform;
    private Node a;
    private Node b;
    private final List<String> cases = new ArrayList<>();

    @BeforeAll
    void startTwoNodes() throws Exception {
        directory = Files.createTempDirectory("nrm-two-nodes");
        platform = PlatformNodes.onExternalPostgres(directory);
        try {
            a = platform.start("node-a", "--axon.eventhandling.processors.case-views.thread-count=1");
            b = platform.start("node-b");
        } catch (Throwable e) {
            platform.close();
            throw e;
        }
    }

    @AfterAll
    void stopEverything() throws java.io.IOException {
        try {
            if (platform != null) {
                platform.close();
            }
        } finally {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
    }

    @Test
    @Order(1)
    void the_case_view_segments_are_claimed_by_both_nodes() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> owners(), owners -> owners.size() == 2
                        && owners.stream().anyMatch(o -> o.startsWith(a.pid() + "@"))
                        && owners.stream().anyMatch(o -> o.startsWith(b.pid() + "@")));
        // and both nodes serve what the other wrote: events of cases in either segment reach the views
        for (int i = 0; i < 6; i++) {
            cases.add(refer(i % 2 == 0 ? a : b));
        }
        for (String caseId : cases) {
            for (Node node : List.of(a, b)) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .until(() -> node.as("competent-authority").get("/api/cases/" + caseId).status() == 200);
            }
        }
        assertThat(platform.count("SELECT count(DISTINCT segment) FROM tokenentry WHERE processorname = ?", PROCESSOR))
                .isEqualTo(2);
    }

    @Test
    @Order(2)
    void each_deadline_timer_fires_once_and_its_breach_is_notified_once() {
        // the six referrals of the first test: their reasonable-grounds deadlines fall due within seconds, while
        // both job executors poll the same job table
        assertThat(cases).as("the referrals of the first test").hasSizeGreaterThanOrEqualTo(6);
        for (String caseId : cases) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> breaches(caseId) >= 1);
        }
        // the timer jobs are gone (executed), so no second execution can still come
        for (String caseId : cases) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                    platform.count("SELECT count(*) FROM act_ru_job j JOIN act_ru_execution p ON p.id_ = "
                            + "j.process_instance_id_ JOIN act_ru_jobdef d ON d.id_ = j.job_def_id_ "
                            + "WHERE p.business_key_ = ? AND d.act_id_ = 'rg-deadline'", caseId)
                            == 0);
            assertThat(breaches(caseId)).as("breach events of " + caseId).isEqualTo(1);
            // (the engine keeps no log of successful jobs, docs/adr/008: the breach event and its notification,
            // each once, are what a second execution of the timer would have doubled)
            assertThat(platform.count("SELECT count(*) FROM notification WHERE case_id = ? AND kind = "
                    + "'deadline-breach' AND agency = 'competent-authority'", caseId))
                    .as("breach notifications of " + caseId).isEqualTo(1);
        }
        // what the leads read, on either node: each breach once
        for (Node node : List.of(a, b)) {
            JsonNode notifications = node.as("competent-authority-lead").get("/api/notifications").body();
            for (String caseId : cases) {
                int seen = 0;
                for (JsonNode notification : notifications) {
                    if (caseId.equals(notification.path("caseId").asText())
                            && "deadline-breach".equals(notification.path("kind").asText())) {
                        seen++;
                    }
                }
                assertThat(seen).as("notifications of " + caseId + " on " + node).isEqualTo(1);
            }
        }
        assertConsistencyCheckerFindsNothing(b);
    }

    @Test
    @Order(3)
    void a_task_completed_through_both_nodes_at_once_is_completed_once() throws Exception {
        for (int round = 0; round < 3; round++) {
            String caseId = refer(round % 2 == 0 ? a : b);
            String taskId = awaitTask(a, caseId, "reasonable-grounds-decision");
            assertThat(a.as("competent-authority").post("/api/tasks/" + taskId + "/claim", Map.of()).status())
                    .isEqualTo(204);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Api.Response>> completions = new ArrayList<>();
            for (Node node : List.of(a, b)) {
                completions.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return node.as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                            Map.of("outcome", "POSITIVE", "reasons", "Credible account, decided on two nodes"));
                }));
            }
            go.countDown();
            List<Api.Response> answers = completions.stream().map(CompletableFuture::join).toList();
            assertThat(answers.stream().filter(r -> r.status() == 204)).as(answers.toString()).hasSize(1);
            Api.Response loser = answers.stream().filter(r -> r.status() != 204).findFirst().orElseThrow();
            assertThat(loser.status()).as(loser.toString()).isBetween(400, 499);
            assertThat(loser.isProblem()).as(loser.toString()).isTrue();
            assertThat(platform.count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                    + "AND payloadtype LIKE '%ReasonableGroundsDecided'", caseId)).isEqualTo(1);
            assertThat(platform.count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                    + "AND payloadtype LIKE '%RecoveryPeriodStarted'", caseId)).isEqualTo(1);
            cases.add(caseId);
        }
        assertConsistencyCheckerFindsNothing(a);
    }

    @Test
    @Order(4)
    void a_killed_node_hands_its_segments_and_its_timers_to_the_other_within_seconds() {
        // referrals taken by A just before it dies: their deadlines fall due after it is gone
        List<String> orphans = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orphans.add(refer(a));
        }
        a.kill(); // SIGKILL: no segment released, no job unlocked
        // Axon's JDBC token store lets a claim expire after 10 s without an update: B's second thread takes it
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(this::owners, owners -> owners.size() == 1 && owners.iterator().next().startsWith(b.pid() + "@")
                        && platform.count("SELECT count(*) FROM tokenentry WHERE processorname = ? AND owner = ?",
                        PROCESSOR, owners.iterator().next()) == 2);
        // B's job executor fires A's timers, each once
        for (String caseId : orphans) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> breaches(caseId) >= 1);
        }
        // B alone carries both segments: new cases on either segment reach its views
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            after.add(refer(b));
        }
        for (String caseId : after) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> b.as("competent-authority").get("/api/cases/" + caseId).status() == 200);
        }
        for (String caseId : orphans) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                    b.as("competent-authority").get("/api/cases/" + caseId).status() == 200);
            assertThat(breaches(caseId)).as("breach events of " + caseId).isEqualTo(1);
            assertThat(platform.count("SELECT count(*) FROM notification WHERE case_id = ? AND kind = "
                    + "'deadline-breach' AND agency = 'competent-authority'", caseId)).isEqualTo(1);
        }
        assertConsistencyCheckerFindsNothing(b);
    }

    @Test
    @Order(5)
    void a_node_stopped_gracefully_releases_its_segment_claims_and_its_job_locks_at_once() {
        String caseId = refer(b);
        awaitTask(b, caseId, "reasonable-grounds-decision");
        // a job B has acquired but not run yet when it is told to stop: its lock names B (pid@host, as its claims)
        String host = java.lang.management.ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^[0-9]+@", "");
        String owner = b.pid() + "@" + host;
        assertThat(platform.count("SELECT count(*) FROM tokenentry WHERE owner = ?", owner)).isPositive();
        try (Connection db = platform.connect(); var update = db.prepareStatement("UPDATE act_ru_job SET lock_owner_ = ?, "
                + "lock_exp_time_ = now() + interval '10 minutes' WHERE id_ = (SELECT j.id_ FROM act_ru_job j "
                + "JOIN act_ru_execution e ON e.id_ = j.process_instance_id_ WHERE e.business_key_ = ? LIMIT 1)")) {
            update.setString(1, owner);
            update.setString(2, caseId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        b.stop(); // SIGTERM
        assertThat(b.isAlive()).isFalse();
        assertThat(platform.count("SELECT count(*) FROM act_ru_job WHERE lock_owner_ = ?", owner))
                .as("job locks still held by the stopped node").isZero();
        assertThat(platform.count("SELECT count(*) FROM tokenentry WHERE owner = ?", owner))
                .as("segment claims still held by the stopped node").isZero();
    }

    private long breaches(String caseId) {
        return platform.count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE ?", caseId, BREACH);
    }

    private Set<String> owners() {
        Set<String> owners = new TreeSet<>();
        try (Connection db = platform.connect(); ResultSet rs = db.createStatement().executeQuery(
                "SELECT owner FROM tokenentry WHERE processorname = '" + PROCESSOR + "'")) {
            while (rs.next()) {
                owners.add(Objects.toString(rs.getString(1), "(unclaimed)"));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return owners;
    }

    private static String refer(Node node) {
        Api.Response response = node.as("police").post("/api/referrals", Map.of(
                "person", Map.of("givenName", "Two", "familyName", "Nodes", "birthDate", "1990-03-01",
                        "gender", "FEMALE", "citizenships", List.of("VN"), "languages", List.of("vie")),
                "exploitationTypes", List.of("FORCED_LABOUR"), "exploitationLocation", "DOMESTIC",
                "indicators", List.of("DOCUMENTS_WITHHELD"), "consentToReferral", true, "needsAccommodation", true));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.body().get("caseId").asText();
    }

    static String awaitTask(Node node, String caseId, String key) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (JsonNode task : node.as("competent-authority").get("/api/tasks?caseId=" + caseId).body()) {
                if (key.equals(task.path("key").asText())) {
                    return task.get("taskId").asText();
                }
            }
            return null;
        }, Objects::nonNull);
    }

    /**
     * The consistency checker ({@code GET /api/admin/consistency}, from branch {@code checker}) reports no finding
     * over every case. Views converge asynchronously, so it is asked until it is clean or a minute has passed; the
     * last report is the failure message.
     */
    static void assertConsistencyCheckerFindsNothing(Node node) {
        java.util.concurrent.atomic.AtomicReference<PlatformNodes.ConsistencyReport> last =
                new java.util.concurrent.atomic.AtomicReference<>();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        last.set(node.consistency(null));
                        return last.get().clean();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the consistency checker on " + node + " reports: " + last.get().raw(), e);
        }
        assertThat(last.get().checkedCases()).isPositive();
    }
}

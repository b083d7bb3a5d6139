package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformNodes;
import org.nrm.app.support.PlatformNodes.Node;

/**
 * A bounded soak: mixed traffic (referrals, reads of cases and queues, claims and decisions, invalid bodies) from
 * several clients against two nodes on one external PostgreSQL, while node A is killed (SIGKILL) and started again.
 * A request that fails at the transport level (the node being killed) is counted as a connection failure and retried
 * against the other node. It prints requests, successes, clean refusals (4xx problem+json), other 4xx, 5xx and
 * connection failures; 5xx and unclean refusals must be zero, every acknowledged referral is stored once.
 *
 * <p>Opt-in (tag {@code soak}, not in the default run): {@code ./mvnw -B -pl app -am test -Psoak
 * -Dnrm.soak.seconds=120}. The length is {@code nrm.soak.seconds} (default 120) plus the restart.
 */
@Tag("soak")
class TwoNodeSoakTest {

    private static final int CLIENTS = 4;

    @TempDir
    Path temp;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong uncleanRefusals = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong connectionFailures = new AtomicLong();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> decided = ConcurrentHashMap.newKeySet();
    private final Set<String> errors = ConcurrentHashMap.newKeySet();

    @Test
    void mixed_traffic_against_two_nodes_while_one_is_restarted_gets_no_5xx_and_loses_nothing() throws Exception {
        Duration length = Duration.ofSeconds(Long.getLong("nrm.soak.seconds", 120));
        try (PlatformNodes platform = PlatformNodes.onExternalPostgres(temp)) {
            Node b = platform.start("node-b");
            AtomicReference<Node> a = new AtomicReference<>(platform.start("node-a"));
            AtomicBoolean aUp = new AtomicBoolean(true);
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(() -> {
                    while (running.get()) {
                        Node first = aUp.get() && ThreadLocalRandom.current().nextBoolean() ? a.get() : b;
                        Node other = first == b ? (aUp.get() ? a.get() : b) : b;
                        step(first, other);
                    }
                    return null;
                });
            }
            Instant started = Instant.now();
            try {
                // a third in: A dies mid-traffic; then it starts again and takes traffic until the end
                Awaitility.await().atMost(length.plusSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Duration.between(started, Instant.now()).compareTo(length.dividedBy(3)) >= 0);
                aUp.set(false);
                a.get().kill();
                a.set(platform.start("node-a"));
                aUp.set(true);
                long successesAfterRestart = successes.get();
                Awaitility.await().atMost(length.plusSeconds(300)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Duration.between(started, Instant.now()).compareTo(length) >= 0
                                && successes.get() > successesAfterRestart + 20);
            } finally {
                running.set(false);
                clients.shutdown();
                assertThat(clients.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
            }
            System.out.printf("SOAK %ds, %d clients, 2 nodes, node A killed and restarted: requests=%d successes=%d "
                            + "clean-refusals=%d unclean-4xx=%d 5xx=%d connection-failures=%d referrals=%d "
                            + "decisions=%d%n", Duration.between(started, Instant.now()).toSeconds(), CLIENTS,
                    requests.get(), successes.get(), refusals.get(), uncleanRefusals.get(), serverErrors.get(),
                    connectionFailures.get(), acknowledged.size(), decided.size());
            assertThat(serverErrors.get()).as("5xx: " + errors).isZero();
            assertThat(uncleanRefusals.get()).as("4xx without problem+json: " + errors).isZero();
            assertThat(successes.get()).isPositive();
            assertThat(decided).isNotEmpty();
            for (String caseId : acknowledged) {
                assertThat(platform.count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND sequencenumber = 0", caseId)).as("referral events of " + caseId).isEqualTo(1);
            }
            for (String caseId : decided) {
                assertThat(platform.count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype LIKE '%ReasonableGroundsDecided'", caseId)).isEqualTo(1);
            }
            TwoNodesTest.assertConsistencyCheckerFindsNothing(a.get());
        }
    }

    /** One step of a client's mix: mostly referrals and reads, some decisions, some invalid bodies. */
    private void step(Node first, Node other) {
        int kind = ThreadLocalRandom.current().nextInt(10);
        if (kind < 3) {
            Api.Response response = send(first, other, node -> node.as("police").post("/api/referrals",
                    referral("1990-03-01")));
            if (response != null && response.status() == 201) {
                acknowledged.add(response.body().get("caseId").asText());
            }
        } else if (kind < 6) {
            String caseId = acknowledged.stream().findAny().orElse(null);
            if (caseId != null) {
                send(first, other, node -> node.as("competent-authority").get("/api/cases/" + caseId));
            }
        } else if (kind < 8) {
            send(first, other, node -> node.as("competent-authority-lead").get("/api/tasks"));
        } else if (kind < 9) {
            Api.Response queue = send(first, other, node -> node.as("competent-authority").get("/api/tasks"));
            if (queue == null || queue.status() != 200) {
                return;
            }
            List<JsonNode> tasks = new java.util.ArrayList<>();
            queue.body().forEach(task -> {
                if ("reasonable-grounds-decision".equals(task.path("key").asText())) {
                    tasks.add(task);
                }
            });
            if (tasks.isEmpty()) {
                return;
            }
            JsonNode task = tasks.get(ThreadLocalRandom.current().nextInt(tasks.size()));
            String taskId = task.get("taskId").asText();
            Api.Response claim = send(first, other, node -> node.as("competent-authority")
                    .post("/api/tasks/" + taskId + "/claim", Map.of()));
            if (claim != null && claim.status() == 204) {
                Api.Response done = send(first, other, node -> node.as("competent-authority").post("/api/tasks/"
                        + taskId + "/complete", Map.of("outcome", "POSITIVE", "reasons", "Soak decision")));
                if (done != null && done.status() == 204) {
                    decided.add(task.path("caseId").asText());
                }
            }
        } else {
            send(first, other, node -> node.as("police").post("/api/referrals", referral("1990-02-30")));
        }
    }

    /** Sends to {@code first}; a transport failure is counted and the request is retried once on {@code other}. */
    private Api.Response send(Node first, Node other, Function<Node, Api.Response> request) {
        Api.Response response;
        try {
            requests.incrementAndGet();
            response = request.apply(first);
        } catch (IllegalStateException e) {
            connectionFailures.incrementAndGet();
            try {
                requests.incrementAndGet();
                response = request.apply(other);
            } catch (IllegalStateException again) {
                connectionFailures.incrementAndGet();
                return null;
            }
        }
        if (response.status() >= 500) {
            serverErrors.incrementAndGet();
            errors.add(response.toString());
        } else if (response.status() >= 400) {
            if (response.isProblem()) {
                refusals.incrementAndGet();
            } else {
                uncleanRefusals.incrementAndGet();
                errors.add(response.toString());
            }
        } else {
            successes.incrementAndGet();
        }
        return response;
    }

    private static Map<String, Object> referral(String birthDate) {
        return Map.of("person", Map.of("givenName", "Soak", "familyName", "Test", "birthDate", birthDate,
                        "gender", "FEMALE", "citizenships", List.of("VN"), "languages", List.of("vie")),
                "exploitationTypes", List.of("FORCED_LABOUR"), "exploitationLocation", "DOMESTIC",
                "indicators", List.of("DOCUMENTS_WITHHELD"), "consentToReferral", true, "needsAccommodation", true);
    }
}

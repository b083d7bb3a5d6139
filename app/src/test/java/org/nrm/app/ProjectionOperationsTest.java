package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;

/** Running the read side: dead letters, their retry, rebuilding from the events, and the lag metric. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectionOperationsTest extends PlatformTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @org.springframework.beans.factory.annotation.Autowired
    org.nrm.projections.cases.CaseAsOf caseAsOf;

    /** Stores, as a buggy writer might have, a referral whose reference does not fit the case view's column. */
    private String storePoisonEvent() {
        String caseId = "poison-" + UUID.randomUUID();
        String now = Instant.now().toString();
        String payload = """
                {"caseId":"%s","reference":"%s","referringAgency":"police","person":null,
                 "profile":{"gender":"FEMALE","ageGroup":"ADULT","ageUncertain":false,"citizenships":["VN"],"languages":[]},
                 "exploitation":{"types":["SEXUAL"],"location":"DOMESTIC","indicators":[]},
                 "presumedChild":false,"foreignNational":true,"needsAccommodation":false,
                 "referredAt":"%s","reasonableGroundsDueAt":"%s"}""".formatted(caseId, "R".repeat(40), now, now);
        jdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, "
                        + "metadata, payload, payloadtype, timestamp) VALUES (?, 0, 'ReferralCase', ?, ?, ?, ?, ?)",
                caseId, UUID.randomUUID().toString(), "{\"actor\":\"police\",\"agency\":\"police\"}".getBytes(),
                payload.getBytes(), "org.nrm.referral.api.ReferralSubmitted", now);
        return caseId;
    }

    private JsonNode deadLetters() {
        return as("admin").get("/api/admin/dead-letters?processingGroup=case-views").body();
    }

    @Test
    @Order(1)
    void a_poison_event_goes_to_the_dead_letter_queue_while_later_events_still_arrive_and_is_retried_once_fixed() {
        String poison = storePoisonEvent();
        String healthy = refer(referralOfAdult());

        assertThat(as("police").get("/api/cases/" + healthy).body().get("stage").asText())
                .isEqualTo("AWAITING_REASONABLE_GROUNDS");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters().size() == 1);
        JsonNode letter = deadLetters().get(0);
        assertThat(letter.get("sequence").asText()).isEqualTo(poison);
        assertThat(letter.get("eventType").asText()).isEqualTo("ReferralSubmitted");
        assertThat(letter.get("cause").asText()).contains("too long");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM case_view WHERE case_id = ?", Integer.class, poison))
                .isZero();
        // after the failure every event runs in its savepoint and writes at once
        assertThat(caseViewsStatus().get("writes").asText()).isEqualTo("careful");
        double atOnce = writes("at-once");
        String whileCareful = refer(referralOfAdult());
        as("police").get("/api/cases/" + whileCareful);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> writes("at-once") > atOnce);

        // the operator widens the column (a new migration, in real life) and retries
        jdbc.execute("ALTER TABLE case_view ALTER COLUMN reference TYPE VARCHAR(64)");
        // as after a migration, the nodes' connections start afresh: a pooled connection's prepared plan of
        // SELECT * FROM case_view has the old row type, and PostgreSQL refuses it ("cached plan must not change
        // result type"; found by a later test class of the same JVM getting a 503)
        try {
            jdbc.getDataSource().unwrap(com.zaxxer.hikari.HikariDataSource.class).getHikariPoolMXBean()
                    .softEvictConnections();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        JsonNode retry = as("admin").post("/api/admin/dead-letters/case-views/retry", Map.of()).body();
        assertThat(retry.get("sequencesSucceeded").asInt()).isEqualTo(1);
        assertThat(retry.get("remaining").asInt()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM case_view WHERE case_id = ?", Integer.class, poison))
                .isEqualTo(1);

        // no dead letters left: the projection gathers each batch's writes again
        assertThat(caseViewsStatus().get("writes").asText()).isEqualTo("gathered");
        double gathered = writes("gathered");
        String relaxed = refer(referralOfAdult());
        assertThat(as("police").get("/api/cases/" + relaxed).body().get("stage").asText())
                .isEqualTo("AWAITING_REASONABLE_GROUNDS");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> writes("gathered") > gathered);
    }

    private JsonNode caseViewsStatus() {
        for (JsonNode processor : as("admin").get("/api/admin/processors").body()) {
            if ("case-views".equals(processor.get("processingGroup").asText())) {
                return processor;
            }
        }
        throw new AssertionError("no case-views processor");
    }

    private double writes(String sent) {
        return meters.get("nrm.projection.writes").tag("processor", "case-views").tag("sent", sent).functionCounter()
                .count();
    }

    private List<String> viewsOfCasesWithEvents() {
        return jdbc.queryForList("SELECT row_to_json(c)::text FROM case_view c WHERE case_id IN "
                + "(SELECT case_id FROM domainevententry WHERE case_id IS NOT NULL) ORDER BY case_id", String.class);
    }

    @Test
    @Order(2)
    void a_replay_rebuilds_identical_views_while_the_old_view_keeps_answering() {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "NEGATIVE", "reasons", "No indicators"));
        as("police").post("/api/cases/" + caseId + "/reconsideration", Map.of("ground", "NEW_EVIDENCE"));
        as("police").get("/api/cases/" + caseId);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> as("admin").get("/api/admin/processors").body().get(0).get("lagEvents").asLong() == 0);
        List<String> before = viewsOfCasesWithEvents();
        List<String> factsBefore = jdbc.queryForList("SELECT row_to_json(f)::text FROM reconsideration_fact f "
                + "ORDER BY case_id, requested_at", String.class);
        assertThat(before).isNotEmpty();

        Api.Response replay = as("admin").post("/api/admin/processors/case-views/replay", Map.of());
        assertThat(replay.status()).isEqualTo(202);
        Api.Response during = as("police").get("/api/cases/" + caseId);
        assertThat(during.status()).isEqualTo(200);
        assertThat(during.body().get("reasonableGrounds").asText()).isEqualTo("NEGATIVE");

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode status = as("admin").get("/api/admin/processors").body().get(0);
            return !status.get("replaying").asBoolean() && status.get("lagEvents").asLong() == 0
                    && !Boolean.TRUE.equals(jdbc.queryForObject(
                            "SELECT snapshot FROM view_serving WHERE view_name = 'case-views'", Boolean.class));
        });
        assertThat(caseViewsStatus().get("rebuild").asText()).as("rebuilt in bulk").isEqualTo("done");
        assertThat(caseViewsStatus().get("lastRebuildEvents").asLong()).isPositive();
        // the rebuilt views lie on disk in referral order (the ranges wrote them in case-id order): a quarter's
        // statistics read its cases from few pages
        assertThat(jdbc.queryForObject("SELECT correlation FROM pg_stats WHERE tablename = 'case_view' "
                + "AND attname = 'referred_at'", Double.class)).as("physical order of referred_at").isGreaterThan(0.9);
        assertThat(viewsOfCasesWithEvents()).isEqualTo(before);
        assertThat(jdbc.queryForList("SELECT row_to_json(f)::text FROM reconsideration_fact f "
                + "ORDER BY case_id, requested_at", String.class)).isEqualTo(factsBefore);
        assertThat(as("police").get("/api/cases/" + caseId).body().get("reconsiderationPending").asBoolean()).isTrue();
    }

    /**
     * The case as it stands now, folded from its events by the domain's fold (CaseAsOf), is the case view its
     * projection wrote event by event, for every case in the store.
     */
    @Test
    @Order(3)
    void the_case_as_it_stands_now_is_its_view_for_every_case() {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Credible"));
        as("police").get("/api/cases/" + caseId);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> as("admin").get("/api/admin/processors").body().get(0).get("lagEvents").asLong() == 0);
        Instant now = Instant.now().plusSeconds(1);
        List<Map<String, Object>> views = jdbc.queryForList("SELECT case_id, reference, stage, child, "
                + "foreign_national, reasonable_grounds, conclusive_grounds, durable_solution, shelter_id, "
                + "permit_status, return_status, closure_category, reconsideration_pending FROM case_view "
                + "WHERE case_id IN (SELECT case_id FROM domainevententry WHERE case_id IS NOT NULL)");
        assertThat(views).extracting(v -> v.get("case_id")).contains(caseId);
        for (Map<String, Object> view : views) {
            Map<String, Object> asOf = caseAsOf.at((String) view.get("case_id"), now).orElseThrow();
            for (String[] field : new String[][] {{"reference", "reference"}, {"stage", "stage"}, {"child", "child"},
                    {"foreign_national", "foreignNational"}, {"reasonable_grounds", "reasonableGrounds"},
                    {"conclusive_grounds", "conclusiveGrounds"}, {"durable_solution", "durableSolution"},
                    {"shelter_id", "shelterId"}, {"permit_status", "permitStatus"}, {"return_status", "returnStatus"},
                    {"closure_category", "closureCategory"}, {"reconsideration_pending", "reconsiderationPending"}}) {
                assertThat(asOf.get(field[1])).as(view.get("case_id") + " " + field[1]).isEqualTo(view.get(field[0]));
            }
        }
    }

    @Test
    @Order(4)
    void the_lag_of_each_projection_is_exported_as_a_metric() {
        String metrics = as("admin").get("/actuator/prometheus").body().asText();
        assertThat(metrics).contains("nrm_processor_lag_events{processor=\"case-views\"}")
                .contains("nrm_processor_lag_events{processor=\"shelters\"}");
        assertThat(as("admin").post("/api/admin/processors/no-such-view/replay", Map.of()).status()).isEqualTo(400);
    }
}

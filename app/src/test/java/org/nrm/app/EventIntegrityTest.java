package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PlatformTest;

/** Every event is chained to the one before it; a changed or missing stored event shows as a break. */
class EventIntegrityTest extends PlatformTest {

    private String decidedCase() {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account"));
        awaitTask("immigration-service", caseId, "residence-permit-decision");
        // the views have applied every event before the record is tampered with (reads wait for them)
        assertThat(as("competent-authority").get("/api/cases/" + caseId).body().get("permitStatus").asText())
                .isEqualTo("APPLIED");
        return caseId;
    }

    /** Runs {@code check} with one stored event tampered with, then puts the row back exactly as it was. */
    private void withTamperedEvent(String caseId, String tamper, Runnable check) {
        // a plain table, not a temporary one: each statement may run on another pooled connection, and a temporary
        // table is one connection's (the restore then found it empty and the event was lost for the later tests)
        jdbc.execute("CREATE TABLE IF NOT EXISTS test_saved_event AS SELECT * FROM domainevententry WITH NO DATA");
        jdbc.update("DELETE FROM test_saved_event WHERE aggregateidentifier = ?", caseId);
        assertThat(jdbc.update("INSERT INTO test_saved_event SELECT * FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND sequencenumber = 1", caseId)).isEqualTo(1);
        try {
            assertThat(jdbc.update(tamper, caseId)).isEqualTo(1);
            check.run();
        } finally {
            jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 1", caseId);
            assertThat(jdbc.update("INSERT INTO domainevententry SELECT * FROM test_saved_event "
                    + "WHERE aggregateidentifier = ?", caseId)).as("restored").isEqualTo(1);
            assertThat(as("rapporteur").get("/api/oversight/cases/" + caseId + "/integrity").body()
                    .get("intact").asBoolean()).as("restored").isTrue();
        }
    }

    @Test
    void an_untouched_case_verifies_intact() {
        String caseId = decidedCase();
        JsonNode report = as("rapporteur").get("/api/oversight/cases/" + caseId + "/integrity").body();
        assertThat(report.get("intact").asBoolean()).isTrue();
        assertThat(report.get("eventsVerified").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(report.get("breaks")).isEmpty();
        String firstHash = jdbc.queryForObject("SELECT convert_from(metadata, 'UTF8')::jsonb ->> 'previousHash' "
                + "FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0", String.class, caseId);
        assertThat(firstHash).isEqualTo("genesis");
    }

    @Test
    void an_edited_event_row_is_reported() {
        String caseId = decidedCase();
        withTamperedEvent(caseId, "UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, "
                + "'UTF8'), 'POSITIVE', 'NEGATIVE'), 'UTF8') WHERE aggregateidentifier = ? AND sequencenumber = 1", () -> {
                    JsonNode report = as("rapporteur").get("/api/oversight/cases/" + caseId + "/integrity").body();
                    assertThat(report.get("intact").asBoolean()).isFalse();
                    assertThat(report.get("breaks")).hasSize(1);
                    JsonNode broken = report.get("breaks").get(0);
                    assertThat(broken.get("aggregateId").asText()).isEqualTo(caseId);
                    assertThat(broken.get("sequence").asLong()).isEqualTo(1);
                    assertThat(broken.get("reason").asText()).contains("no longer matches");
                });
    }

    @Test
    void an_edited_actor_in_the_metadata_is_reported() {
        String caseId = decidedCase();
        withTamperedEvent(caseId, "UPDATE domainevententry SET metadata = convert_to(replace(convert_from(metadata, "
                + "'UTF8'), 'competent-authority', 'police'), 'UTF8') WHERE aggregateidentifier = ? "
                + "AND sequencenumber = 1", () -> {
                    JsonNode report = as("rapporteur").get("/api/oversight/cases/" + caseId + "/integrity").body();
                    assertThat(report.get("intact").asBoolean()).isFalse();
                    assertThat(report.get("breaks").get(0).get("sequence").asLong()).isEqualTo(1);
                });
    }

    @Test
    void a_deleted_event_row_is_reported() {
        String caseId = decidedCase();
        withTamperedEvent(caseId, "DELETE FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 1",
                () -> {
                    JsonNode report = as("rapporteur").get("/api/oversight/cases/" + caseId + "/integrity").body();
                    assertThat(report.get("intact").asBoolean()).isFalse();
                    assertThat(report.get("breaks").findValuesAsText("reason")).anyMatch(r -> r.contains("missing"));
                });
    }
}

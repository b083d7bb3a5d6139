package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.nrm.projections.PersonalDataWithheld;
import org.nrm.referral.api.ReferralSubmitted;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** Personal data is encrypted per person, erasable by destroying the key, and every read of it is recorded. */
class PersonalDataProtectionTest extends PlatformTest {

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    private static Map<String, Object> referralOf(String familyName) {
        var body = new HashMap<>(referralOfAdult());
        body.put("person", Map.of("givenName", "Mai", "familyName", familyName, "birthDate", "1995-07-14",
                "gender", "FEMALE", "citizenships", List.of("VN")));
        body.put("narrative", "Met " + familyName + " at the harbour");
        return body;
    }

    private List<String> storedPayloads(String caseId) {
        return jdbc.queryForList("SELECT payload FROM domainevententry WHERE case_id = ?", byte[].class, caseId)
                .stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void personal_data_is_stored_encrypted_and_read_in_clear_by_the_agencies_involved() {
        String caseId = refer(referralOf("Tranquillity"));
        assertThat(String.join("\n", storedPayloads(caseId))).doesNotContain("Tranquillity").doesNotContain("harbour")
                .contains("AES-256-GCM").contains("\"gender\":\"FEMALE\"");

        JsonNode person = as("police").get("/api/cases/" + caseId + "/history").body().get(0).get("data").get("person");
        assertThat(person.get("familyName").asText()).isEqualTo("Tranquillity");
        assertThat(person.get("narrative").asText()).contains("harbour");
    }

    @Test
    void erasure_destroys_the_key_and_the_history_keeps_every_step_with_personal_fields_erased() {
        String caseId = refer(referralOf("Erasmus"));
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");

        Api.Response erased = as("admin").post("/api/cases/" + caseId + "/erasure",
                Map.of("reason", "Data subject request under GDPR Art.17"));
        assertThat(erased.status()).isEqualTo(204);
        assertThat(jdbc.queryForObject("SELECT wrapped_key IS NULL FROM subject_key WHERE subject_id = ?",
                Boolean.class, caseId)).isTrue();

        JsonNode history = as("police").get("/api/cases/" + caseId + "/history").body();
        assertThat(history.findValuesAsText("type")).containsExactly("ReferralSubmitted", "PersonalDataErased");
        JsonNode person = history.get(0).get("data").get("person");
        assertThat(person.asText()).isEqualTo("[erased]");
        assertThat(history.toString()).doesNotContain("Erasmus");
        assertThat(history.get(0).get("data").get("profile").get("citizenships").get(0).asText()).isEqualTo("VN");
        assertThat(history.get(1).get("actor").asText()).isEqualTo("admin");

        // the case goes on: its record still loads, decisions are still taken
        assertThat(as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Credible")).status()).isEqualTo(204);
        assertThat(as("competent-authority").get("/api/cases/" + caseId).body().get("stage").asText())
                .isEqualTo("RECOVERY_PERIOD");

        Api.Response again = as("admin").post("/api/cases/" + caseId + "/erasure", Map.of("reason", "again"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("rule").asText()).isEqualTo("already-erased");
    }

    @Test
    void only_an_administrator_erases_and_never_without_a_reason() {
        String caseId = refer(referralOf("Keeper"));
        assertThat(as("police").post("/api/cases/" + caseId + "/erasure", Map.of("reason", "x")).status())
                .isEqualTo(403);
        Api.Response noReason = as("admin").post("/api/cases/" + caseId + "/erasure", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().get("field").asText()).isEqualTo("reason");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ? AND wrapped_key IS NULL",
                Integer.class, caseId)).isZero();
    }

    @Test
    void every_read_of_personal_data_is_recorded_and_oversight_can_list_them() {
        String caseId = refer(referralOf("Watched"));
        as("police").get("/api/cases/" + caseId + "/history");
        as("rapporteur").get("/api/cases/" + caseId + "/history");

        JsonNode reads = as("rapporteur").get("/api/oversight/personal-data-reads?caseId=" + caseId).body();
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0).get("userId").asText()).isEqualTo("police");
        assertThat(reads.get(0).get("agency").asText()).isEqualTo("police");
        assertThat(reads.get(0).get("purpose").asText()).isEqualTo("case history");
    }

    @Test
    void an_administrator_reads_personal_data_only_with_a_recorded_reason() {
        String caseId = refer(referralOf("Glass"));
        assertThat(as("admin").get("/api/cases/" + caseId + "/history").status()).isEqualTo(403);

        Api.Response breakGlass = as("admin").get("/api/cases/" + caseId
                + "/history?breakGlassGround=ORDER_OF_AUTHORITY&breakGlassReason=Court%20order%2042%20on%20Mai%20Glass");
        assertThat(breakGlass.status()).isEqualTo(200);
        assertThat(breakGlass.body().toString()).contains("Glass");

        // who, when, which case and the ground are in clear; the free-text reason is sealed with the person's key
        JsonNode reads = as("rapporteur").get("/api/oversight/personal-data-reads?caseId=" + caseId).body();
        assertThat(reads.get(0).get("userId").asText()).isEqualTo("admin");
        assertThat(reads.get(0).get("purpose").asText()).isEqualTo("break-glass");
        assertThat(reads.get(0).get("ground").asText()).isEqualTo("ORDER_OF_AUTHORITY");
        assertThat(reads.get(0).get("reason").asText()).isEqualTo("[pseudonymised]");
        assertThat(reads.toString()).doesNotContain("Court order");
        String stored = jdbc.queryForList("SELECT * FROM personal_data_read WHERE case_id = ?", caseId).toString();
        assertThat(stored).doesNotContain("Court order").contains("AES-256-GCM");

        // after erasure the audit of the read survives, its reason is gone with the person's key
        assertThat(as("admin").post("/api/cases/" + caseId + "/erasure",
                Map.of("ground", "DATA_SUBJECT_REQUEST", "reason", "Asked by Mai Glass")).status()).isEqualTo(204);
        JsonNode after = as("rapporteur").get("/api/oversight/personal-data-reads?caseId=" + caseId).body();
        assertThat(after.get(0).get("userId").asText()).isEqualTo("admin");
        assertThat(after.get(0).get("ground").asText()).isEqualTo("ORDER_OF_AUTHORITY");
        assertThat(after.get(0).get("reason").asText()).isEqualTo("[erased]");
    }

    @Test
    void a_break_glass_reason_is_bounded_and_its_ground_is_a_known_code() {
        String caseId = refer(referralOf("Bounded"));
        Api.Response tooLong = as("admin").get("/api/cases/" + caseId + "/history?breakGlassReason=" + "x".repeat(5_000));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("field").asText()).isEqualTo("breakGlassReason");
        Api.Response unknownGround = as("admin").get("/api/cases/" + caseId
                + "/history?breakGlassReason=Audit&breakGlassGround=CURIOSITY");
        assertThat(unknownGround.status()).isEqualTo(400);
        assertThat(unknownGround.body().get("field").asText()).isEqualTo("breakGlassGround");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_read WHERE case_id = ?", Integer.class,
                caseId)).isZero();
    }

    @Test
    void a_break_glass_reason_stored_in_clear_before_sealing_is_sealed_on_start_up(
            @Autowired org.nrm.app.protection.PersonalDataReads reads) {
        String caseId = refer(referralOf("Legacy"));
        jdbc.update("INSERT INTO personal_data_read (case_id, user_id, agency, role, purpose, read_at) "
                + "VALUES (?, 'admin', 'platform', 'ADMIN', 'break-glass: Police asked about Legacy', now())", caseId);

        reads.sealLegacyReasons();

        String stored = jdbc.queryForList("SELECT * FROM personal_data_read WHERE case_id = ?", caseId).toString();
        assertThat(stored).doesNotContain("Police asked").contains("AES-256-GCM");
        JsonNode listed = as("rapporteur").get("/api/oversight/personal-data-reads?caseId=" + caseId).body();
        assertThat(listed.get(0).get("purpose").asText()).isEqualTo("break-glass");
        assertThat(listed.get(0).get("ground").asText()).isEqualTo("OTHER");
        assertThat(listed.get(0).get("reason").asText()).isEqualTo("[pseudonymised]");
    }

    @Test
    void views_hold_no_personal_data() {
        String caseId = refer(referralOf("Viewless"));
        assertThat(as("police").get("/api/cases/" + caseId).body().toString()).doesNotContain("Viewless")
                .doesNotContain("Mai").doesNotContain("1995");
        assertThat(jdbc.queryForList("SELECT * FROM case_view WHERE case_id = ?", caseId).toString())
                .doesNotContain("Viewless");
    }

    @Test
    void projections_read_events_with_personal_data_withheld_and_nothing_decrypted() throws Exception {
        String caseId = refer(referralOf("Unopened"));
        Map<String, Object> row = jdbc.queryForMap("SELECT payload, payloadtype, payloadrevision FROM domainevententry "
                + "WHERE case_id = ? AND payloadtype LIKE '%ReferralSubmitted'", caseId);
        var stored = new SimpleSerializedObject<>((byte[]) row.get("payload"), byte[].class,
                (String) row.get("payloadtype"), (String) row.get("payloadrevision"));

        ReferralSubmitted opened = eventSerializer.deserialize(stored);
        ReferralSubmitted withheld = PersonalDataWithheld.during(() -> eventSerializer.deserialize(stored));

        assertThat(opened.person().familyName()).isEqualTo("Unopened");
        assertThat(withheld.person().familyName()).isEqualTo(PersonalDataWithheld.WITHHELD);
        assertThat(withheld.person().narrative()).isEqualTo(PersonalDataWithheld.WITHHELD);
        assertThat(withheld.person().birthDate()).isNull();
        assertThat(withheld.profile()).isEqualTo(opened.profile());
        assertThat(withheld.caseId()).isEqualTo(caseId);
    }
}

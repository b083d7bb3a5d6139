package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.nrm.app.protection.ConfiguredMasterKeys;
import org.nrm.app.protection.JdbcSubjectKeys;
import org.nrm.app.protection.KeyRotation;
import org.nrm.app.protection.KeyRotationRunner;
import org.nrm.app.protection.MasterKey;
import org.nrm.app.protection.SubjectKeys;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.nrm.app.support.TestMasterKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The master key's rotation on a store of real events: cases with personal data (names, birth date, the referral's
 * narrative, a decision's reasons) read back before, in the middle of an interrupted run (keys under versions 1 and 2),
 * after it resumed, and after version 1 is retired; an erased person stays erased; new people's keys are under
 * version 2 from the moment it is configured.
 *
 * <p>It runs in the one shared context. Configuring version 2 means a restart with
 * {@code nrm.protection.master-keys.2} set; here the context's master key is switched at run time instead
 * ({@link TestMasterKeys}: to the demo key as version 1 plus a new version 2, current), which is what the restarted
 * platform would hold, without a second context and database. The ring stays switched (version 1 and 2, every key
 * still unwraps) for the classes that run after this one. The small batches of the interrupted run come from a second
 * {@link KeyRotation} on the same database and key ring with a batch size of 2; the resumed run is the platform's own
 * ({@code POST /api/admin/keys/rotation}).
 */
class MasterKeyRotationTest extends PlatformTest {

    private static final String DEMO_MASTER_KEY = "ZGVtby1tYXN0ZXIta2V5LW5vdC1mb3ItcHJvZC11c2U=";
    private static final String VERSION_TWO = MasterKey.generate();

    @Autowired
    TestMasterKeys masterKeys;

    @Autowired
    SubjectKeys subjectKeys;

    @Autowired
    PlatformTransactionManager transactions;

    private static Map<String, Object> referralOf(String givenName, String familyName) {
        var body = new HashMap<>(referralOfAdult());
        body.put("person", Map.of("givenName", givenName, "familyName", familyName, "birthDate", "1993-05-17",
                "gender", "FEMALE", "citizenships", List.of("VN")));
        body.put("narrative", givenName + " " + familyName + " was found working in a car wash in Rotterdam");
        return body;
    }

    private void readsBack(String caseId, String familyName) {
        JsonNode history = as("police").get("/api/cases/" + caseId + "/history").body();
        JsonNode person = history.get(0).get("data").get("person");
        assertThat(person.get("familyName").asText()).as(caseId).isEqualTo(familyName);
        assertThat(person.get("narrative").asText()).as(caseId).contains("car wash in Rotterdam");
        assertThat(person.get("birthDate").asText()).as(caseId).isEqualTo("1993-05-17");
    }

    private void everyoneReadsBack(Map<String, String> people, String decided, String reasons) {
        people.forEach(this::readsBack);
        assertThat(as("police").get("/api/cases/" + decided + "/history").body().toString()).contains(reasons);
    }

    /** Every data key in the store (people and shelters) unwraps with the context's current ring. */
    private void everyKeyUnwraps() {
        List<String> subjects = jdbc.queryForList("SELECT subject_id FROM subject_key WHERE wrapped_key IS NOT NULL",
                String.class);
        assertThat(subjects).isNotEmpty();
        for (String subject : subjects) {
            assertThat(subjectKeys.existingKey(subject)).as(subject).isPresent();
        }
    }

    private Integer versionOf(String subjectId) {
        return jdbc.queryForObject("SELECT kek_version FROM subject_key WHERE subject_id = ?", Integer.class,
                subjectId);
    }

    private Map<Integer, Integer> keysByVersion() {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        jdbc.query("SELECT COALESCE(kek_version, 1) AS v, count(*) AS n FROM subject_key WHERE wrapped_key IS NOT NULL "
                + "GROUP BY 1 ORDER BY 1", rs -> {
                    counts.put(rs.getInt("v"), rs.getInt("n"));
                });
        return counts;
    }

    @Test
    void every_persons_data_reads_back_before_during_an_interrupted_rotation_after_it_resumed_and_after_retirement()
            throws Exception {
        // before: people referred under the demo's single master key (version 1)
        Map<String, String> people = new LinkedHashMap<>();
        for (String familyName : List.of("Anh", "Binh", "Chau", "Dung", "Giang", "Hoa")) {
            people.put(refer(referralOf("Thi", familyName)), familyName);
        }
        String decided = people.keySet().iterator().next();
        String reasons = "Credible account given by Thi Anh of debt bondage at the car wash";
        String taskId = awaitTask("competent-authority", decided, "reasonable-grounds-decision");
        assertThat(as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", reasons)).status()).isEqualTo(204);
        String erased = refer(referralOf("Thi", "Vanished"));
        assertThat(as("admin").post("/api/cases/" + erased + "/erasure",
                Map.of("reason", "Data subject request under GDPR Art.17")).status()).isEqualTo(204);
        people.keySet().forEach(caseId -> assertThat(versionOf(caseId)).isEqualTo(1));
        // a key stored before versions were recorded (no kek_id, no kek_version): version 1 of the configured key
        String legacy = people.keySet().stream().skip(1).findFirst().orElseThrow();
        jdbc.update("UPDATE subject_key SET kek_id = NULL, kek_version = NULL WHERE subject_id = ?", legacy);
        everyoneReadsBack(people, decided, reasons);

        // version 2 is configured (and current): old keys still unwrap, new people's keys are under version 2
        masterKeys.use(new ConfiguredMasterKeys(DEMO_MASTER_KEY, Map.of(2, VERSION_TWO), null, null));
        everyoneReadsBack(people, decided, reasons);
        String newcomer = refer(referralOf("Thi", "Khanh"));
        people.put(newcomer, "Khanh");
        assertThat(versionOf(newcomer)).isEqualTo(2);
        JsonNode before = as("admin").get("/api/admin/keys/rotation").body();
        assertThat(before.get("currentVersion").asInt()).isEqualTo(2);
        assertThat(before.get("remaining").asLong()).isGreaterThanOrEqualTo(6);

        // during: a run in batches of 2, interrupted after its first batch
        KeyRotation smallBatches = new KeyRotation(jdbc, new TransactionTemplate(transactions), masterKeys,
                Clock.systemUTC(), 2);
        KeyRotation.Progress opened = smallBatches.open("test");
        long toRewrap = opened.rotation().toRewrap();
        assertThat(toRewrap).isEqualTo(before.get("remaining").asLong());
        KeyRotation.Progress afterOneBatch = smallBatches.run(1);
        assertThat(afterOneBatch.rotation().rewrapped()).isEqualTo(2);
        assertThat(afterOneBatch.rotation().state()).isEqualTo("INTERRUPTED");
        assertThat(afterOneBatch.remaining()).isEqualTo(toRewrap - 2);
        assertThat(keysByVersion()).containsKeys(1, 2);
        everyKeyUnwraps();
        everyoneReadsBack(people, decided, reasons);

        // ... and again, the key store failing in the middle of the second batch: that batch is rolled back whole
        String lastDone = afterOneBatch.rotation().lastSubjectId();
        String firstOfTheSecondBatch = jdbc.queryForObject("SELECT min(subject_id) FROM subject_key "
                + "WHERE subject_id > ? AND wrapped_key IS NOT NULL AND COALESCE(kek_version, 1) = 1", String.class,
                lastDone);
        masterKeys.failRewrapsAfter(1);
        assertThatThrownBy(() -> smallBatches.run(Integer.MAX_VALUE)).hasMessageContaining("went away");
        masterKeys.heal();
        assertThat(versionOf(firstOfTheSecondBatch)).as("rolled back with its batch").isIn(1, null);
        JsonNode interrupted = as("admin").get("/api/admin/keys/rotation").body();
        assertThat(interrupted.at("/rotation/state").asText()).isEqualTo("INTERRUPTED");
        assertThat(interrupted.at("/rotation/rewrapped").asLong()).isEqualTo(2);
        assertThat(interrupted.at("/rotation/lastSubjectId").asText()).isEqualTo(lastDone);
        assertThat(interrupted.at("/rotation/lastError").asText()).contains("went away");
        everyKeyUnwraps();
        everyoneReadsBack(people, decided, reasons);

        // resumed by the platform: the same run goes on from where it stopped, to the end
        Api.Response resumed = as("admin").post("/api/admin/keys/rotation", Map.of());
        assertThat(resumed.status()).isEqualTo(202);
        assertThat(resumed.body().at("/rotation/id").asLong()).isEqualTo(opened.rotation().id());
        JsonNode done = Awaitility.await().atMost(Duration.ofSeconds(60)).until(
                () -> as("admin").get("/api/admin/keys/rotation").body(),
                progress -> "COMPLETED".equals(progress.at("/rotation/state").asText()));
        assertThat(done.at("/rotation/id").asLong()).isEqualTo(opened.rotation().id());
        assertThat(done.at("/rotation/rewrapped").asLong()).isEqualTo(toRewrap);
        assertThat(done.at("/rotation/lastError").isNull()).isTrue();
        assertThat(done.get("remaining").asLong()).isZero();
        assertThat(keysByVersion()).containsOnlyKeys(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE wrapped_key IS NOT NULL AND "
                + "(kek_version IS DISTINCT FROM 2 OR kek_id IS DISTINCT FROM 'nrm-master')", Integer.class)).isZero();
        everyKeyUnwraps();
        everyoneReadsBack(people, decided, reasons);

        // the erased person stays erased: no key material came back, the history reads [erased]
        assertThat(jdbc.queryForObject("SELECT wrapped_key IS NULL FROM subject_key WHERE subject_id = ?",
                Boolean.class, erased)).isTrue();
        JsonNode erasedHistory = as("police").get("/api/cases/" + erased + "/history").body();
        assertThat(erasedHistory.get(0).get("data").get("person").asText()).isEqualTo("[erased]");
        assertThat(erasedHistory.toString()).doesNotContain("Vanished");

        // after: new people are under version 2, and version 1 can be retired: version 2 alone opens every key
        String after = refer(referralOf("Thi", "Lan"));
        assertThat(versionOf(after)).isEqualTo(2);
        readsBack(after, "Lan");
        SubjectKeys versionTwoOnly = new JdbcSubjectKeys(jdbc,
                new ConfiguredMasterKeys(null, Map.of(2, VERSION_TWO), null, null), Clock.systemUTC());
        List<String> unopened = new ArrayList<>();
        for (String subject : jdbc.queryForList("SELECT subject_id FROM subject_key WHERE wrapped_key IS NOT NULL",
                String.class)) {
            if (versionTwoOnly.existingKey(subject).isEmpty()) {
                unopened.add(subject);
            }
        }
        assertThat(unopened).isEmpty();
        assertThat(versionTwoOnly.isErased(erased)).isTrue();

        // the command line's run: nothing left to do, exit code 0, the progress as JSON
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        var runner = new KeyRotationRunner(smallBatches, new PrintStream(printed, true, StandardCharsets.UTF_8));
        runner.run(null);
        assertThat(runner.getExitCode()).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("\"remaining\" : 0")
                .contains("\"currentVersion\" : 2");
    }

    @Test
    void only_an_administrator_starts_or_follows_the_rotation() {
        assertThat(as("police").post("/api/admin/keys/rotation", Map.of()).status()).isEqualTo(403);
        assertThat(as("rapporteur").get("/api/admin/keys/rotation").status()).isEqualTo(403);
        assertThat(anonymous().get("/api/admin/keys/rotation").status()).isEqualTo(401);
        JsonNode progress = as("admin").get("/api/admin/keys/rotation").body();
        assertThat(progress.get("keyId").asText()).isEqualTo("nrm-master");
        assertThat(progress.toString()).doesNotContain(DEMO_MASTER_KEY).doesNotContain(VERSION_TWO);
    }
}

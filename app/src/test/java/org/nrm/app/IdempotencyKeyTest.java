package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.nrm.app.consistency.ConsistencyChecker;
import org.nrm.app.idempotency.IdempotencyKeys;
import org.nrm.app.support.Consistency;
import org.nrm.app.support.KeyedApi;
import org.nrm.app.support.PlatformTest;
import org.nrm.app.support.Race;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code Idempotency-Key} on POSTs (public contract, "Every POST"): the same key from the same user with the same body
 * within 24 hours gets the first answer again and changes nothing, sequentially and concurrently; another body is
 * 422; another user's same key is another request; a malformed key is 400 naming the header.
 */
class IdempotencyKeyTest extends PlatformTest {

    private static final String KEY = "Idempotency-Key";

    @Autowired
    IdempotencyKeys keys;

    @Autowired
    ConsistencyChecker checker;

    /** The cases a test made end with the consistency checker reporting nothing for them. */
    private void assertConsistent(String... caseIds) {
        Consistency.assertConsistent(checker, List.of(caseIds));
    }

    private KeyedApi keyed(String user) {
        return new KeyedApi(port, user);
    }

    @Test
    void a_referral_repeated_with_its_key_returns_the_first_answer_and_refers_no_second_case() {
        String key = UUID.randomUUID().toString();
        long before = cases();

        KeyedApi.Reply first = keyed("police").post("/api/referrals", referralOfAdult(), KEY, key);
        KeyedApi.Reply again = keyed("police").post("/api/referrals", referralOfAdult(), KEY, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.replayed()).isFalse();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.replayed()).isTrue();
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.location()).isEqualTo(first.location()).endsWith(first.body().get("caseId").asText());
        assertThat(cases()).isEqualTo(before + 1);
        assertConsistent(first.body().get("caseId").asText());
    }

    @Test
    void the_same_body_with_its_fields_in_another_order_is_the_same_request() {
        String key = UUID.randomUUID().toString();
        KeyedApi.Reply first = keyed("police").post("/api/referrals", referralOfAdult(), KEY, key);
        var reordered = new java.util.TreeMap<String, Object>(java.util.Comparator.reverseOrder());
        reordered.putAll(referralOfAdult());

        KeyedApi.Reply again = keyed("police").post("/api/referrals", reordered, KEY, key);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body().get("caseId")).isEqualTo(first.body().get("caseId"));
        assertConsistent(first.body().get("caseId").asText());
    }

    @Test
    void concurrent_referrals_with_one_key_make_one_case_and_all_get_its_answer() throws Exception {
        String key = UUID.randomUUID().toString();
        long before = cases();
        List<Callable<KeyedApi.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> keyed("police").post("/api/referrals", referralOfAdult(), KEY, key));
        }

        List<KeyedApi.Reply> replies = race(calls);

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isEqualTo(201));
        assertThat(replies.stream().map(r -> r.body().get("caseId").asText()).distinct()).hasSize(1);
        assertThat(replies.stream().filter(r -> !r.replayed())).hasSize(1);
        assertThat(cases()).isEqualTo(before + 1);
        assertConsistent(replies.get(0).body().get("caseId").asText());
    }

    @Test
    void the_same_key_with_another_body_is_422_and_changes_nothing() {
        String key = UUID.randomUUID().toString();
        KeyedApi.Reply first = keyed("police").post("/api/referrals", referralOfAdult(), KEY, key);
        assertThat(first.status()).isEqualTo(201);
        long before = cases();
        var other = new HashMap<>(referralOfAdult());
        other.put("narrative", "Another person entirely");

        KeyedApi.Reply reply = keyed("police").post("/api/referrals", other, KEY, key);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.body().get("field").asText()).isEqualTo(KEY);
        assertThat(cases()).isEqualTo(before);
        assertConsistent(first.body().get("caseId").asText());
    }

    @Test
    void the_same_key_from_another_user_is_another_request() {
        String key = UUID.randomUUID().toString();
        long before = cases();

        KeyedApi.Reply police = keyed("police").post("/api/referrals", referralOfAdult(), KEY, key);
        KeyedApi.Reply ngo = keyed("ngo-outreach").post("/api/referrals", referralOfAdult(), KEY, key);

        assertThat(police.status()).isEqualTo(201);
        assertThat(ngo.status()).isEqualTo(201);
        assertThat(ngo.replayed()).isFalse();
        assertThat(ngo.body().get("caseId")).isNotEqualTo(police.body().get("caseId"));
        assertThat(cases()).isEqualTo(before + 2);
        assertConsistent(police.body().get("caseId").asText(), ngo.body().get("caseId").asText());
    }

    @Test
    void a_malformed_key_is_400_naming_the_header_and_nothing_is_done() throws IOException {
        long before = cases();
        for (String bad : new String[] {"x".repeat(256), ""}) {
            KeyedApi.Reply reply = keyed("police").post("/api/referrals", referralOfAdult(), KEY, bad);

            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.isProblem()).isTrue();
            assertThat(reply.body().get("field").asText()).isEqualTo(KEY);
        }
        // bytes outside printable ASCII (UTF-8 of "café", a DEL), sent raw as the JDK's client would not: refused
        // (Tomcat's header parser refuses some before the application sees them)
        for (byte[] bad : new byte[][] {"caf\u00e9".getBytes(StandardCharsets.UTF_8), {'k', 0x7f}}) {
            assertThat(rawReferral(bad)).startsWith("HTTP/1.1 400");
        }
        assertThat(cases()).isEqualTo(before);
        KeyedApi.Reply longest = keyed("police").post("/api/referrals", referralOfAdult(), KEY, "k".repeat(255));
        assertThat(longest.status()).isEqualTo(201);
        assertConsistent(longest.body().get("caseId").asText());
    }

    @Test
    void a_task_completion_repeated_with_its_key_is_answered_again_and_decided_once() {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        String key = UUID.randomUUID().toString();
        Map<String, Object> positive = Map.of("outcome", "POSITIVE", "reasons", "Credible account");

        KeyedApi.Reply first = keyed("competent-authority").post("/api/tasks/" + taskId + "/complete", positive,
                KEY, key);
        KeyedApi.Reply again = keyed("competent-authority").post("/api/tasks/" + taskId + "/complete", positive,
                KEY, key);
        KeyedApi.Reply withoutKey = keyed("competent-authority").post("/api/tasks/" + taskId + "/complete", positive);

        assertThat(first.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(204);
        assertThat(again.replayed()).isTrue();
        assertThat(withoutKey.status()).as("a new request (no key) finds the task completed").isEqualTo(409);
        assertThat(events(caseId, "ReasonableGroundsDecided")).isEqualTo(1);
        assertConsistent(caseId);
    }

    @Test
    void concurrent_task_completions_with_one_key_all_succeed_and_decide_once() throws Exception {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        String key = UUID.randomUUID().toString();
        List<Callable<KeyedApi.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> keyed("competent-authority").post("/api/tasks/" + taskId + "/complete",
                    Map.of("outcome", "POSITIVE", "reasons", "Credible account"), KEY, key));
        }

        List<KeyedApi.Reply> replies = race(calls);

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isEqualTo(204));
        assertThat(replies.stream().filter(r -> !r.replayed())).hasSize(1);
        assertThat(events(caseId, "ReasonableGroundsDecided")).isEqualTo(1);
        assertConsistent(caseId);
    }

    @Test
    void a_case_closure_repeated_with_its_key_closes_once_and_a_refusal_is_not_kept() throws Exception {
        String caseId = refer(referralOfAdult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        String key = UUID.randomUUID().toString();
        Map<String, Object> closure = Map.of("category", "WITHDRAWN", "reason", "Person withdrew");
        String path = "/api/cases/" + caseId + "/closure";

        // an invalid request under the key is refused and not kept: the key still serves the valid one
        assertThat(keyed("competent-authority").post(path, Map.of("category", "NO_SUCH"), KEY, key).status())
                .isEqualTo(400);
        List<KeyedApi.Reply> concurrent = race(List.of(
                () -> keyed("competent-authority").post(path, closure, KEY, key),
                () -> keyed("competent-authority").post(path, closure, KEY, key)));
        KeyedApi.Reply later = keyed("competent-authority").post(path, closure, KEY, key);

        assertThat(concurrent).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isEqualTo(204));
        assertThat(later.status()).isEqualTo(204);
        assertThat(later.replayed()).isTrue();
        assertThat(events(caseId, "CaseClosed")).isEqualTo(1);
        assertConsistent(caseId);
    }

    @Test
    void a_kept_answer_expires_after_24_hours() {
        String key = UUID.randomUUID().toString();
        KeyedApi.Reply first = keyed("police").post("/api/referrals", referralOfAdult(), KEY, key);
        jdbc.update("UPDATE idempotency_key SET created_at = created_at - interval '25 hours' WHERE key = ?", key);

        KeyedApi.Reply after = keyed("police").post("/api/referrals", referralOfAdult(), KEY, key);

        assertThat(after.status()).isEqualTo(201);
        assertThat(after.replayed()).isFalse();
        assertThat(after.body().get("caseId")).isNotEqualTo(first.body().get("caseId"));

        jdbc.update("UPDATE idempotency_key SET created_at = created_at - interval '25 hours' WHERE key = ?", key);
        assertThat(keys.expire()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE key = ?", Integer.class, key))
                .isZero();
        assertConsistent(first.body().get("caseId").asText(), after.body().get("caseId").asText());
    }

    private String rawReferral(byte[] key) throws IOException {
        byte[] body = new ObjectMapper().writeValueAsBytes(referralOfAdult());
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/referrals HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                    + Base64.getEncoder().encodeToString("police:demo".getBytes(StandardCharsets.UTF_8))
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n" + KEY + ": ").getBytes(StandardCharsets.US_ASCII));
            out.write(key);
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private long cases() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.ReferralSubmitted'",
                Long.class);
    }

    private int events(String caseId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE ?", Integer.class, caseId, "%." + type);
    }

    private static <T> List<T> race(List<Callable<T>> calls) throws Exception {
        return Race.race(calls);
    }
}

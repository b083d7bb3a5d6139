package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;

/**
 * Random and mutated bodies for every write endpoint (seeded, so a failure can be replayed): never a 500, every
 * refusal is problem+json, and a refused request never stores an event.
 */
class WriteEndpointsFuzzTest extends PlatformTest {

    private static final long SEED = 20261129L;
    private static final int REQUESTS_PER_ENDPOINT = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Target(String user, String path, Map<String, Object> template) {
    }

    private long lastIndex() {
        return jdbc.queryForObject("SELECT coalesce(max(globalindex), 0) FROM domainevententry", Long.class);
    }

    /** Events stored since {@code index} by a user (the mechanism's own steps run in the background meanwhile). */
    private int usersEventsSince(long index) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE globalindex > ? "
                + "AND convert_from(metadata, 'UTF8')::jsonb ->> 'actor' <> 'system'", Integer.class, index);
    }

    @Test
    void no_random_or_mutated_body_breaks_a_write_endpoint_or_leaves_a_trace() throws Exception {
        String open = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", open, "reasonable-grounds-decision");
        String closable = refer(referralOfAdult());
        awaitTask("competent-authority", closable, "reasonable-grounds-decision");
        String erasable = refer(referralOfAdult());

        List<Target> targets = List.of(
                new Target("police", "/api/referrals", referralOfAdult()),
                new Target("police", "/api/cases/" + open + "/consent",
                        Map.of("person", Map.of("givenName", "A", "gender", "FEMALE"), "needsAccommodation", true)),
                new Target("police", "/api/cases/" + open + "/reconsideration",
                        Map.of("ground", "NEW_EVIDENCE", "explanation", "report")),
                new Target("competent-authority", "/api/cases/" + open + "/recovery-period/extension",
                        Map.of("days", 5, "reason", "medical")),
                new Target("competent-authority", "/api/cases/" + closable + "/closure",
                        Map.of("category", "WITHDRAWN", "reason", "withdrew")),
                new Target("admin", "/api/cases/" + erasable + "/erasure", Map.of("reason", "request")),
                new Target("police", "/api/cases/" + open + "/identification", Map.of("exploitationTypes",
                        List.of("FORCED_LABOUR"), "exploitationLocation", "DOMESTIC", "indicators", List.of("THREATS"))),
                new Target("police", "/api/cases/" + open + "/travel-documents",
                        Map.of("documents", "FALSE", "notes", "forged visa")),
                new Target("competent-authority", "/api/cases/" + open + "/disqualification",
                        Map.of("ground", "BAD_FAITH", "reasons", "false account")),
                new Target("shelter-provider", "/api/cases/" + open + "/move-on-support/end",
                        Map.of("reason", "moved on")),
                new Target("competent-authority", "/api/cases/" + closable + "/reopening", Map.of("reason", "back")),
                new Target("competent-authority", "/api/tasks/" + taskId + "/complete",
                        Map.of("outcome", "NEGATIVE", "reasons", "no indicators")),
                new Target("competent-authority", "/api/tasks/" + taskId + "/claim", Map.of()));

        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Target target : targets) {
            for (int i = 0; i < REQUESTS_PER_ENDPOINT; i++) {
                String body = mutate(target.template(), random);
                long before = lastIndex();
                Api.Response response = as(target.user()).post(target.path(), body);
                sent++;
                if (response.status() >= 500) {
                    failures.add(target.path() + " answered " + response + " to " + abbreviate(body));
                } else if (response.status() >= 400) {
                    if (!response.isProblem()) {
                        failures.add(target.path() + " answered without problem+json: " + response);
                    }
                    if (usersEventsSince(before) != 0) {
                        failures.add(target.path() + " stored an event for a refused request " + response.status()
                                + ": " + abbreviate(body));
                    }
                }
            }
        }
        assertThat(sent).isEqualTo(targets.size() * REQUESTS_PER_ENDPOINT);
        assertThat(failures).isEmpty();
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    /** One request body: the valid template, mutated in one of several ways, or not JSON at all. */
    private static String mutate(Map<String, Object> template, Random random) throws Exception {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return garbage(random);
        }
        Map<String, Object> body = deepCopy(template);
        if (kind == 1) {
            return JSON.writeValueAsString(body);
        }
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            mutateOnce(body, random);
        }
        String json = JSON.writeValueAsString(body);
        if (kind == 2 && json.length() > 2) {
            return json.substring(0, random.nextInt(json.length() - 1)); // truncated
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    private static void mutateOnce(Map<String, Object> body, Random random) {
        if (body.isEmpty() || random.nextInt(6) == 0) {
            body.put("unexpected" + random.nextInt(100), randomValue(random));
            return;
        }
        List<String> keys = new ArrayList<>(body.keySet());
        String key = keys.get(random.nextInt(keys.size()));
        Object value = body.get(key);
        if (value instanceof Map<?, ?> nested && random.nextBoolean()) {
            Map<String, Object> mutable = deepCopy((Map<String, Object>) nested);
            body.put(key, mutable);
            mutateOnce(mutable, random);
        } else if (random.nextInt(3) == 0) {
            body.remove(key);
        } else {
            body.put(key, randomValue(random));
        }
    }

    private static Object randomValue(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> null;
            case 1 -> random.nextInt();
            case 2 -> -random.nextDouble() * 1e12;
            case 3 -> "";
            case 4 -> "x".repeat(30_000 + random.nextInt(20_000));
            case 5 -> List.of(1, "two", Map.of());
            case 6 -> Map.of("nested", List.of());
            case 7 -> random.nextBoolean();
            case 8 -> "2999-99-99";
            case 9 -> "\u0000\u001f\ud83d\ude00\u202e";
            case 10 -> "MAYBE";
            case 11 -> "' OR 1=1; DROP TABLE domainevententry; --";
            case 12 -> List.of("XX", "vietnamese");
            default -> "1990-02-30";
        };
    }

    private static String garbage(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> "";
            case 1 -> "null";
            case 2 -> "[]";
            case 3 -> "{\"a\":";
            default -> {
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                yield new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m)
                : v instanceof List<?> l ? new ArrayList<>(l) : v));
        return copy;
    }
}

package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PlatformTest;
import org.nrm.app.support.RawHttp;
import org.nrm.app.support.RawHttp.Reply;

/**
 * Hostile input for every write endpoint and every query parameter of the API (seeded, so a failure can be replayed):
 * wrong types, huge and NUL-containing strings, deep nesting, trailing garbage, duplicate and unknown fields,
 * boundary dates, bodies that are not JSON at all, junk ids in the path. Never a 5xx; every refusal is problem+json
 * and every 400 names its field; a refused request stores nothing (the users' events, the per-person keys, the read
 * audit and the task's assignee are compared before and after each one). Runs on the shared platform, with a fixed
 * number of requests and no assertion on time.
 */
class WriteEndpointsFuzzTest extends PlatformTest {

    private static final long SEED = 20261201L;
    private static final int BODIES_PER_WRITE_ENDPOINT = 300;
    private static final int REQUESTS_PER_QUERY_ENDPOINT = 80;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Target(String user, String path, Map<String, Object> template) {
    }

    private record Query(String user, String path, List<String> parameters) {
    }

    /** Everything a refused request could have changed (events: the last index, users' events after it). */
    private record Trace(long lastIndex, long usersEventsSince, long subjectKeys, long reads, String assignee) {
    }

    private String taskId;

    @org.springframework.beans.factory.annotation.Autowired
    org.nrm.app.consistency.ConsistencyChecker checker;

    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings;

    /**
     * POSTs under /api with nothing to fuzz: the key rotation's start takes no body and no path variable (a hostile
     * body is ignored; each call would only start an empty rotation).
     */
    private static final java.util.Set<String> NOTHING_TO_FUZZ = java.util.Set.of("/api/admin/keys/rotation",
            "/api/admin/handover-key/rotation");

    /** Every POST endpoint under /api, as Spring MVC maps it, has a target here (a new one fails until added). */
    private void assertEveryWriteEndpointIsFuzzed(List<Target> writes) {
        List<String> missing = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!info.getMethodsCondition().getMethods().contains(
                    org.springframework.web.bind.annotation.RequestMethod.POST)) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/") || NOTHING_TO_FUZZ.contains(pattern)) {
                    continue;
                }
                String regex = pattern.replaceAll("\\{[^/]+\\}", "[^/]+");
                if (writes.stream().noneMatch(w -> w.path().replace("{junk}", "x").matches(regex))) {
                    missing.add(pattern);
                }
            }
        });
        assertThat(missing).as("POST endpoints the fuzz test does not reach").isEmpty();
    }

    /** One round trip: the last event index, the users' events after {@code since}, keys, reads, the assignee. */
    private Trace trace(long since) {
        return jdbc.queryForObject("SELECT (SELECT coalesce(max(globalindex), 0) FROM domainevententry), "
                + "(SELECT count(*) FROM domainevententry WHERE globalindex > ? "
                + "AND convert_from(metadata, 'UTF8')::jsonb ->> 'actor' <> 'system'), "
                + "(SELECT count(*) FROM subject_key), (SELECT count(*) FROM personal_data_read), "
                + "coalesce((SELECT max(assignee) FROM work_queue WHERE task_id = ?), '-')",
                (rs, i) -> new Trace(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5)),
                since, taskId);
    }

    private Trace trace() {
        return trace(Long.MAX_VALUE);
    }

    @Test
    void no_hostile_request_breaks_an_endpoint_or_leaves_a_trace() throws Exception {
        String open = refer(referralOfAdult());
        taskId = awaitTask("competent-authority", open, "reasonable-grounds-decision");
        String closable = refer(referralOfAdult());
        awaitTask("competent-authority", closable, "reasonable-grounds-decision");
        String erasable = refer(referralOfAdult());
        String investigated = refer(referralOfAdult());
        assertThat(as("police").post("/api/cases/" + investigated + "/investigation", Map.of("reference", "OP-F",
                "openedOn", "2026-11-02", "prosecutingAgency", "prosecution-service")).status()).isEqualTo(204);

        // support plans (branch support16): a plan with MEDICAL assessed and referred, and a case without a plan, so
        // no body, however valid, changes anything (plan exists, no plan: 409); referrals by unknown ids (404)
        org.nrm.app.support.SupportFixtures support = new org.nrm.app.support.SupportFixtures(port);
        String planned = support.withPlan();
        support.need(planned, "MEDICAL");
        support.refer(planned, "MEDICAL", "shelter-support", null);
        String unplanned = support.referredByOwner();
        String owner = org.nrm.app.support.SupportFixtures.OWNER;
        org.nrm.app.support.HandoverPartner fuzzPartner = new org.nrm.app.support.HandoverPartner("ES");
        assertThat(as("admin").post("/api/admin/handover-partners", fuzzPartner.registration()).status())
                .isEqualTo(201);
        List<Target> writes = List.of(
                new Target("police", "/api/referrals", referralOfAdult()),
                new Target("police", "/api/referrals", referralWithExploitationDetails()),
                new Target("police", "/api/cases/" + open + "/consent",
                        Map.of("person", Map.of("givenName", "A", "gender", "FEMALE", "birthDate", "1991-01-31"),
                                "needsAccommodation", true, "narrative", "met at the station")),
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
                // the criminal case and the journey (issue 17)
                new Target("police", "/api/cases/" + open + "/investigation",
                        Map.of("reference", "OP-9", "openedOn", "2026-11-02", "prosecutingAgency", "prosecution-service")),
                new Target("police", "/api/cases/" + investigated + "/cooperation", Map.of("status", "COOPERATING")),
                new Target("prosecution-service", "/api/cases/" + investigated + "/witness-protection",
                        Map.of("measures", List.of("ANONYMITY"), "notes", "fears reprisals")),
                new Target("prosecution-service", "/api/cases/" + investigated + "/prosecution-outcome",
                        Map.of("suspectsCharged", 2, "offence", "TRAFFICKING_IN_PERSONS", "verdict", "CONVICTED",
                                "sentenceMonths", 48, "compensationOrdered", 1000, "currency", "GBP",
                                "decidedOn", "2026-11-20")),
                new Target("police", "/api/cases/" + open + "/journey", Map.of("legs", List.of(
                        Map.of("stage", "RECRUITMENT", "country", "VN", "place", "Hanoi", "arrivedOn", "2026-01-02"),
                        Map.of("stage", "EXPLOITATION", "country", "GB")))),
                new Target("competent-authority", "/api/cases/" + open + "/disqualification",
                        Map.of("ground", "BAD_FAITH", "reasons", "false account")),
                new Target("shelter-provider", "/api/cases/" + open + "/move-on-support/end",
                        Map.of("reason", "moved on")),
                new Target("competent-authority", "/api/cases/" + closable + "/reopening", Map.of("reason", "back")),
                new Target("competent-authority", "/api/tasks/" + taskId + "/complete",
                        Map.of("outcome", "NEGATIVE", "reasons", "no indicators")),
                new Target("competent-authority-lead", "/api/tasks/" + taskId + "/assignee",
                        Map.of("assignee", "competent-authority")),
                new Target("competent-authority", "/api/tasks/" + taskId + "/claim", Map.of()),
                new Target("admin", "/api/admin/processors/{junk}/replay", Map.of()),
                new Target("admin", "/api/admin/dead-letters/{junk}/retry", Map.of()),
                new Target("admin", "/api/admin/incidents/{junk}/retry", Map.of()),
                new Target("child-services", "/api/cases/" + open + "/guardian/replacement",
                        Map.of("guardianName", "Maria Ionescu", "ground", "CONFLICT_OF_INTEREST", "reason", "related")),
                new Target("immigration-service", "/api/cases/" + open + "/residence-permit/renewal",
                        Map.of("validUntil", "2029-01-31T00:00:00Z")),
                new Target("immigration-service", "/api/cases/" + open + "/residence-permit/revocation",
                        Map.of("reasons", "forged documents")),
                new Target("police", "/api/cases/" + open + "/consents",
                        Map.of("scopes", List.of("DATA_SHARING"), "agencies", List.of("ngo-outreach"))),
                new Target("police", "/api/cases/" + open + "/consents/HANDOVER_ABROAD/withdrawal",
                        Map.of("reason", "changed her mind")),
                new Target("shelter-provider", "/api/cases/" + open + "/placement/move-out",
                        Map.of("note", "moved in with her cousin")),
                new Target("shelter-provider", "/api/cases/" + open + "/placement/transfer",
                        Map.of("shelterId", "shelter-women-north", "note", "closer to work")),
                new Target("competent-authority", "/api/tasks/" + taskId + "/unclaim", Map.of()),
                new Target("admin", "/api/admin/shelters", Map.of("shelterId", "fuzz-{junk}", "name", "Fuzz house",
                        "type", "ADULT_WOMEN", "capacity", 3, "groups", List.of("ADULT_WOMEN"), "address", "1 Road")),
                new Target("admin", "/api/admin/shelters/{junk}/retirement", Map.of("reason", "closed")),
                new Target(owner, "/api/cases/" + planned + "/support-plan", Map.of()),
                new Target(owner, "/api/cases/" + unplanned + "/support-plan/needs",
                        Map.of("need", "MEDICAL", "notes", "Injury")),
                new Target(owner, "/api/cases/" + unplanned + "/support-plan/referrals",
                        Map.of("need", "MEDICAL", "providerId", "shelter-support", "note", "Ground floor")),
                new Target(owner, "/api/cases/" + unplanned + "/support-plan/review", Map.of("notes", "Settling in")),
                new Target("shelter-provider", "/api/service-referrals/{junk}/acceptance", Map.of()),
                new Target("shelter-provider", "/api/service-referrals/{junk}/decline", Map.of("reason", "full")),
                new Target("shelter-provider", "/api/service-referrals/{junk}/delivery", Map.of("notes", "done")),
                new Target("shelter-provider", "/api/service-referrals/{junk}/closure", Map.of("notes", "done")),
                // reports from the public (issue #17): as a hotline operator (signed in, so not rate-limited),
                // and their triage on reports that do not exist
                new Target("ngo-outreach", "/api/reports", Map.of("description", "Men sleeping in the car wash",
                        "location", "Mill Road", "occurredOn", "2026-11-30", "channel", "HOTLINE",
                        "campaign", "BLUE-HEART-2026")),
                new Target("ngo-outreach", "/api/reports/{junk}/dismissal", Map.of("reason", "spam")),
                new Target("ngo-outreach", "/api/reports/{junk}/referral", referralOfAdult()),
                // cross-border handover (issue 16): a trusted partner's signed package, a returning national by hand,
                // a partner's key registered, a revocation of a junk key
                new Target("return-organisation", "/api/handovers", signedPackage(fuzzPartner)),
                new Target("competent-authority", "/api/returning-nationals", Map.of("person", Map.of("givenName",
                        "Tom", "gender", "MALE", "birthDate", "1985-07-07", "citizenships", List.of("GB")),
                        "decisionAbroad", Map.of("sourceCountry", "TH", "decidingOrganisation", "DSDW",
                                "kind", "CONCLUSIVE_GROUNDS", "outcome", "POSITIVE", "decidedOn", "2026-10-01"))),
                new Target("admin", "/api/admin/handover-partners", new org.nrm.app.support.HandoverPartner("DE")
                        .registration()),
                new Target("admin", "/api/admin/handover-partners/{junk}/revocation", Map.of()));
        assertEveryWriteEndpointIsFuzzed(writes);
        List<Query> queries = List.of(
                new Query("competent-authority", "/api/tasks", List.of("caseId", "dueBefore", "childOnly", "assignee", "limit",
                        "cursor")),
                new Query("competent-authority", "/api/cases/" + open, List.of("asOf")),
                new Query("admin", "/api/cases/" + open + "/history", List.of("breakGlassReason")),
                new Query("rapporteur", "/api/oversight/statistics", List.of("from", "to", "format")),
                new Query("rapporteur", "/api/oversight/personal-data-reads", List.of("caseId")),
                new Query("admin", "/api/admin/dead-letters", List.of("processingGroup")),
                new Query("competent-authority", "/api/cases/{junk}", List.of("asOf")),
                new Query("competent-authority-lead", "/api/queues", List.of("agency")),
                new Query("police", "/api/notifications", List.of("since")),
                new Query("admin", "/api/admin/consistency", List.of("caseId")));

        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int bodies = 0;
        for (Target target : writes) {
            // the replay and retry endpoints take no body: only their path is fuzzed, never with a real group
            int count = target.path().contains("{junk}") ? 100 : BODIES_PER_WRITE_ENDPOINT;
            for (int i = 0; i < count; i++) {
                String path = target.path().replace("{junk}", junkId(random));
                String body = mutate(target.template(), random);
                String contentType = random.nextInt(25) == 0 ? contentType(random) : "application/json";
                Trace before = trace();
                Reply reply = RawHttp.send(port, "POST", path, RawHttp.basic(target.user(), "demo"), contentType,
                        body);
                bodies++;
                check(failures, "POST " + path, body, reply, before);
            }
        }
        int queried = 0;
        for (Query query : queries) {
            for (int i = 0; i < REQUESTS_PER_QUERY_ENDPOINT; i++) {
                String path = query.path().replace("{junk}", junkId(random)) + "?" + parameters(query, random);
                Trace before = trace();
                Reply reply = RawHttp.send(port, "GET", path, RawHttp.basic(query.user(), "demo"), null, null);
                queried++;
                boolean recordedRead = reply.status() == 200 && path.contains("/history");
                check(failures, "GET " + path, "", reply, recordedRead ? null : before);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(bodies).isGreaterThanOrEqualTo(5_000);
        org.nrm.app.support.Consistency.assertConsistent(checker, List.of(open, closable, erasable, planned, unplanned));
        assertThat(queried).isEqualTo(queries.size() * REQUESTS_PER_QUERY_ENDPOINT);
    }

    private void check(List<String> failures, String request, String body, Reply reply, Trace before) {
        String what = abbreviate(request) + " " + abbreviate(body) + " -> " + abbreviate(reply.toString());
        if (reply.status() >= 500) {
            failures.add("5xx: " + what);
            return;
        }
        if (reply.status() < 400) {
            return;
        }
        if (!reply.isProblem()) {
            failures.add("not problem+json: " + what);
            return;
        }
        JsonNode problem = reply.json();
        if (problem.path("status").asInt() != reply.status() || problem.path("detail").asText().isBlank()) {
            failures.add("incomplete problem: " + what);
        }
        if (reply.status() == 400 && problem.path("field").asText().isBlank()) {
            failures.add("400 without field: " + what);
        }
        if (before != null) {
            // the mechanism's own steps (actor "system") may run meanwhile; a user's event may not
            Trace after = trace(before.lastIndex());
            if (after.usersEventsSince() != 0 || after.subjectKeys() != before.subjectKeys()
                    || after.reads() != before.reads() || !after.assignee().equals(before.assignee())) {
                failures.add("stored something (" + before + " -> " + after + "): " + what);
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static String junkId(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "%00";
            case 1 -> "x".repeat(65 + random.nextInt(500));
            case 2 -> "%E2%80%AE" + random.nextInt();
            case 3 -> "no-such-group";
            case 4 -> "%01%1F";
            default -> Integer.toHexString(random.nextInt());
        };
    }

    private static String contentType(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "multipart/form-data; boundary=x";
            case 1 -> "text/plain";
            case 2 -> "application/x-www-form-urlencoded";
            case 3 -> "application/json; charset=ebcdic-nonsense";
            case 4 -> "application/xml";
            default -> "application/json-patch+json";
        };
    }

    private static String parameters(Query query, Random random) {
        List<String> pairs = new ArrayList<>();
        for (String parameter : query.parameters()) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            pairs.add(parameter + "=" + parameterValue(random));
        }
        if (random.nextInt(8) == 0) {
            pairs.add("unknown" + random.nextInt(10) + "=" + parameterValue(random));
        }
        if (random.nextInt(10) == 0 && !pairs.isEmpty()) {
            pairs.add(pairs.get(0)); // repeated
        }
        return String.join("&", pairs);
    }

    private static String parameterValue(Random random) {
        String value = switch (random.nextInt(16)) {
            case 0 -> "\u0000";
            case 1 -> "x".repeat(1_000 + random.nextInt(5_000));
            case 2 -> "+999999999-12-31T23:59:59Z";
            case 3 -> "-999999999-01-01T00:00:00Z";
            case 4 -> "1899-12-31T23:59:59Z";
            case 5 -> "9999-12-31T23:59:59Z";
            case 6 -> "2026-02-30";
            case 7 -> "2026-12-01";
            case 8 -> "2026-12-01T00:00:00Z";
            case 9 -> "true";
            case 10 -> "maybe";
            case 11 -> "";
            case 12 -> "me";
            case 13 -> "' OR 1=1 --";
            case 14 -> "\u202e\ud83d\ude00\u001b[31m";
            default -> Integer.toString(random.nextInt());
        };
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One request body: the valid template, mutated in one of several ways, or not JSON at all. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> signedPackage(org.nrm.app.support.HandoverPartner partner) {
        return JSON.convertValue(partner.signed(partner.pkg("GB", "Eva")), Map.class);
    }

    private static String mutate(Map<String, Object> template, Random random) throws Exception {
        int kind = random.nextInt(14);
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
        return switch (kind) {
            case 2 -> json.length() > 2 ? json.substring(0, random.nextInt(json.length() - 1)) : json; // truncated
            case 3 -> json + trailing(random);
            case 4 -> duplicateKey(json, body, random);
            case 5 -> json.replaceFirst("\\{", "{\"deep\": " + "[".repeat(40) + "]".repeat(40) + ", ");
            default -> json;
        };
    }

    private static String trailing(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> " {}";
            case 1 -> "x";
            case 2 -> ",";
            case 3 -> "]";
            default -> " null";
        };
    }

    private static String duplicateKey(String json, Map<String, Object> body, Random random) throws Exception {
        if (body.isEmpty()) {
            return json;
        }
        List<String> keys = new ArrayList<>(body.keySet());
        String key = keys.get(random.nextInt(keys.size()));
        return json.replaceFirst("\\{", "{" + JSON.writeValueAsString(key) + ": "
                + JSON.writeValueAsString(randomValue(random)) + ", ");
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
        } else if (random.nextInt(4) == 0) {
            body.remove(key);
        } else {
            body.put(key, randomValue(random));
        }
    }

    private static Object randomValue(Random random) {
        return switch (random.nextInt(26)) {
            case 0 -> null;
            case 1 -> random.nextInt();
            case 2 -> -random.nextDouble() * 1e12;
            case 3 -> "";
            case 4 -> "x".repeat(20_001 + random.nextInt(2_000)); // beyond the longest text field
            case 5 -> List.of(1, "two", Map.of());
            case 6 -> Map.of("nested", List.of());
            case 7 -> random.nextBoolean();
            case 8 -> "2999-99-99";
            case 9 -> "a\u0000b";
            case 10 -> "MAYBE";
            case 11 -> "' OR 1=1; DROP TABLE domainevententry; --";
            case 12 -> List.of("XX", "vietnamese");
            case 13 -> "1990-02-30";
            case 14 -> "1990-03-01T00:00:00Z";
            case 15 -> "0000-01-01";
            case 16 -> "9999-12-31";
            case 17 -> "+10000-01-01";
            case 18 -> "1899-12-31";
            case 19 -> 14.5;
            case 20 -> "14";
            case 21 -> Long.MAX_VALUE;
            case 22 -> new java.math.BigInteger("1" + "0".repeat(400));
            case 23 -> "\u202e\ud83d\ude00\u001f";
            case 24 -> "+999999999-12-31T23:59:59Z";
            default -> "a".repeat(129);
        };
    }

    private static String garbage(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> "";
            case 1 -> "null";
            case 2 -> "[]";
            case 3 -> "{\"a\":";
            case 4 -> "\"text\"";
            case 5 -> "{}".repeat(3);
            default -> {
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                yield new String(bytes, StandardCharsets.ISO_8859_1);
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

    /** The referral with every exploitation detail (issue 15), so that its fields are fuzzed too. */
    private static Map<String, Object> referralWithExploitationDetails() {
        Map<String, Object> body = new java.util.LinkedHashMap<>(referralOfAdult());
        body.put("exploitationLocation", "OVERSEAS");
        body.put("exploitationDetails", Map.of("startedOn", "2025-02-01", "endedOn", "2026-10-31",
                "ageAtExploitation", "AGE_30_38", "duration", "YEARS_1_TO_2",
                "countriesOfExploitation", List.of("DE", "XK"), "recruiterRelations", List.of("FRIEND"),
                "recruitmentMethods", List.of("AT_WORK"), "labourSectors", List.of("AGRICULTURE"),
                "sexualExploitationForms", List.of("PROSTITUTION")));
        return body;
    }
}

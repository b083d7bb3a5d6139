package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PlatformTest;
import org.nrm.app.support.RawHttp;
import org.nrm.app.support.RawHttp.Reply;

/**
 * Input the platform once answered with 500, a wrong 409, or by storing a coerced value (issue 14, items 4 to 6):
 * every one is now a 400 problem naming its field (or a 415 for a body that is not JSON), and nothing is stored.
 */
class HostileInputTest extends PlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String caseId;
    private String taskId;

    @BeforeEach
    void aCaseAwaitingItsDecision() {
        if (caseId == null) {
            caseId = refer(referralOfAdult());
            taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        }
    }

    private long lastIndex() {
        return jdbc.queryForObject("SELECT coalesce(max(globalindex), 0) FROM domainevententry", Long.class);
    }

    private int usersEventsSince(long index) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE globalindex > ? "
                + "AND convert_from(metadata, 'UTF8')::jsonb ->> 'actor' <> 'system'", Integer.class, index);
    }

    private Reply post(String user, String path, String contentType, String body) {
        return RawHttp.send(port, "POST", path, RawHttp.basic(user, "demo"), contentType, body);
    }

    private Reply get(String user, String path) {
        return RawHttp.send(port, "GET", path, user == null ? null : RawHttp.basic(user, "demo"), null, null);
    }

    /** A 400 problem naming {@code field}, with nothing stored. */
    private void refusedNaming(String user, String path, String body, String field) {
        long before = lastIndex();
        int reads = jdbc.queryForObject("SELECT count(*) FROM personal_data_read", Integer.class);
        Reply reply = post(user, path, "application/json", body);
        assertThat(reply.status()).as(path + " " + body + " -> " + reply).isEqualTo(400);
        assertThat(reply.isProblem()).as(reply.toString()).isTrue();
        assertThat(reply.json().path("field").asText()).as(body + " -> " + reply).isEqualTo(field);
        assertThat(reply.json().path("detail").asText()).contains(field.equals("body") ? "" : field);
        assertThat(usersEventsSince(before)).as("events stored for " + body).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_read", Integer.class)).isEqualTo(reads);
    }

    private static String referralWith(String path, Object value) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = JSON.readValue(JSON.writeValueAsString(referralOfAdult()), LinkedHashMap.class);
        Map<String, Object> target = body;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> next = (Map<String, Object>) target.get(parts[i]);
            target = next;
        }
        target.put(parts[parts.length - 1], value);
        return JSON.writeValueAsString(body);
    }

    @Test
    void a_write_whose_answer_the_client_does_not_accept_is_refused_before_anything_is_done() throws Exception {
        String referral = JSON.writeValueAsString(referralOfAdult());
        for (String accept : List.of("text/csv", "garbage", "application/json;q=0", "image/png, text/html")) {
            long before = lastIndex();
            Reply reply = RawHttp.send(port, "POST", "/api/referrals", RawHttp.basic("police", "demo"),
                    "application/json", referral, Map.of("Accept", accept, "Idempotency-Key", "accept-" + accept));
            assertThat(reply.status()).as(accept + " -> " + reply).isEqualTo(406);
            assertThat(reply.isProblem()).as(reply.toString()).isTrue();
            assertThat(reply.json().path("field").asText()).isEqualTo("Accept");
            assertThat(usersEventsSince(before)).as("events stored for Accept " + accept).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE key = ?",
                    Integer.class, "accept-" + accept)).as("idempotency record of " + accept).isZero();
        }
        // what a client that takes JSON sends is served
        for (String accept : List.of("application/json", "*/*", "application/*", "application/problem+json",
                "text/html, application/json;q=0.5")) {
            Reply reply = RawHttp.send(port, "POST", "/api/referrals", RawHttp.basic("police", "demo"),
                    "application/json", referral, Map.of("Accept", accept));
            assertThat(reply.status()).as(accept + " -> " + reply).isEqualTo(201);
        }
    }

    // item 6: lenient input

    @Test
    void scalars_are_not_coerced_and_every_refusal_names_its_field() throws Exception {
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("consentToReferral", new Object[] {"true", 1, "yes"});
        cases.put("needsAccommodation", new Object[] {"false", 0});
        cases.put("person.ageUncertain", new Object[] {"false", 1.0});
        cases.put("person.givenName", new Object[] {123, true, 1.5});
        cases.put("narrative", new Object[] {false, 7});
        cases.put("person.gender", new Object[] {"", 0});
        cases.put("exploitationTypes", new Object[] {"SEXUAL"});
        int checked = 0;
        for (var entry : cases.entrySet()) {
            for (Object value : entry.getValue()) {
                refusedNaming("police", "/api/referrals", referralWith(entry.getKey(), value), entry.getKey());
                checked++;
            }
        }
        refusedNaming("police", "/api/referrals", referralWith("person.citizenships", List.of("VN", 5)),
                "person.citizenships[1]");
        // a code that is no code is named by its place in the list, so the caller knows which one to mend
        refusedNaming("police", "/api/referrals", referralWith("person.citizenships", List.of("VN", "XX")),
                "person.citizenships[1]");
        refusedNaming("police", "/api/referrals", referralWith("person.languages", List.of("vie", "tha", "english")),
                "person.languages[2]");
        @SuppressWarnings("unchecked")
        Map<String, Object> abroad = JSON.readValue(referralWith("exploitationLocation", "OVERSEAS"), LinkedHashMap.class);
        abroad.put("exploitationDetails", Map.of("countriesOfExploitation", List.of("XX", "DE")));
        refusedNaming("police", "/api/referrals", JSON.writeValueAsString(abroad),
                "exploitationDetails.countriesOfExploitation[0]");
        abroad.put("exploitationDetails", Map.of("countriesOfExploitation", List.of("DE", "TH", "Thailand")));
        Reply code = post("police", "/api/referrals", "application/json", JSON.writeValueAsString(abroad));
        assertThat(code.json().path("errors")).as(code.toString()).hasSize(1);
        assertThat(code.json().path("errors").get(0).path("field").asText())
                .isEqualTo("exploitationDetails.countriesOfExploitation[2]");
        assertThat(code.json().path("errors").get(0).path("message").asText())
                .isEqualTo("must be an ISO 3166-1 alpha-2 country code (e.g. DE)");
        String extension = "/api/cases/" + caseId + "/recovery-period/extension";
        refusedNaming("competent-authority", extension, "{\"days\": 14.5, \"reason\": \"medical\"}", "days");
        refusedNaming("competent-authority", extension, "{\"days\": 14, \"reason\": true}", "reason");
        refusedNaming("competent-authority", extension, "{\"days\": \"14\", \"reason\": \"medical\"}", "days");
        refusedNaming("competent-authority", extension, "{\"days\": 14.0, \"reason\": \"medical\"}", "days");
        refusedNaming("police", "/api/cases/" + caseId + "/reconsideration",
                "{\"ground\": \"NEW_EVIDENCE\", \"explanation\": 42}", "explanation");
        refusedNaming("competent-authority", "/api/cases/" + caseId + "/closure",
                "{\"category\": \"WITHDRAWN\", \"reason\": 1}", "reason");
        refusedNaming("admin", "/api/cases/" + caseId + "/erasure", "{\"reason\": false}", "reason");
        assertThat(checked).isEqualTo(15);
    }

    @Test
    void a_date_is_a_date_that_exists_and_its_refusal_names_the_field() throws Exception {
        for (Object date : new Object[] {"1990-02-30", "1990-03-01T00:00:00Z", "1990-03-01T00:00:00", "", 19900301,
                "1990-3-1", "+1990-03-01"}) {
            refusedNaming("police", "/api/referrals", referralWith("person.birthDate", date), "person.birthDate");
        }
        refusedNaming("police", "/api/cases/" + caseId + "/consent",
                "{\"person\": {\"givenName\": \"A\", \"birthDate\": \"1990-02-30\"}}", "person.birthDate");
    }

    @Test
    void json_with_trailing_garbage_or_duplicate_keys_is_refused() throws Exception {
        String valid = JSON.writeValueAsString(referralOfAdult());
        refusedNaming("police", "/api/referrals", valid + " {}", "body");
        refusedNaming("police", "/api/referrals", valid + "x", "body");
        refusedNaming("police", "/api/referrals", valid + valid, "body");
        refusedNaming("police", "/api/referrals", valid.replaceFirst("\\{", "{\"narrative\": \"a\", "), "narrative");
        refusedNaming("competent-authority", "/api/tasks/" + taskId + "/complete",
                "{\"outcome\": \"NEGATIVE\", \"reasons\": \"none\"} []", "body");
    }

    @Test
    void a_task_completion_checks_the_type_of_every_field_and_refuses_fields_it_does_not_take() {
        String complete = "/api/tasks/" + taskId + "/complete";
        refusedNaming("competent-authority", complete, "{\"outcome\": \"NEGATIVE\", \"reasons\": 7}", "reasons");
        refusedNaming("competent-authority", complete, "{\"outcome\": true, \"reasons\": \"x\"}", "outcome");
        refusedNaming("competent-authority", complete,
                "{\"outcome\": \"NEGATIVE\", \"reasons\": \"x\", \"days\": 3}", "days");
        refusedNaming("competent-authority", complete,
                "{\"outcome\": \"NEGATIVE\", \"reasons\": \"a\\u0000b\"}", "reasons");
        assertThat(get("competent-authority", "/api/tasks?caseId=" + caseId).json().toString()).contains(taskId);
    }

    @Test
    void nul_characters_in_text_are_refused_by_name() throws Exception {
        refusedNaming("police", "/api/referrals", referralWith("narrative", "a\u0000b"), "narrative");
        refusedNaming("police", "/api/referrals", referralWith("person.familyName", "\u0000"), "person.familyName");
    }

    @Test
    void other_control_characters_are_refused_by_name_and_tabs_and_line_breaks_stay_text() throws Exception {
        long before = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        refusedNaming("police", "/api/referrals", referralWith("person.givenName", "An\u001bna"), "person.givenName");
        refusedNaming("police", "/api/referrals", referralWith("narrative", "bell\u0007"), "narrative");
        refusedNaming("police", "/api/referrals", referralWith("narrative", "del\u007f"), "narrative");
        refusedNaming("competent-authority", "/api/tasks/" + taskId + "/complete",
                "{\"outcome\": \"NEGATIVE\", \"reasons\": \"a\\u001b[31mb\"}", "reasons");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class))
                .as("nothing stored").isEqualTo(before);
        assertThat(post("police", "/api/referrals", "application/json",
                referralWith("narrative", "first line\n\tsecond line\r\n"))
                .status()).isEqualTo(201);
    }

    /** {@code body} sent in chunks (no Content-Length), as a client streaming it does. */
    private Reply chunked(String user, String path, String body) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .header("Authorization", RawHttp.basic(user, "demo")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        body.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers(), response.body());
    }

    @Test
    void a_body_larger_than_the_api_takes_is_a_413_problem_before_anything_reads_it() throws Exception {
        String path = "/api/cases/" + refer(referralOfAdult()) + "/identification";
        // valid JSON of 3 MB: the indicators named again and again (the 11 MB body found from outside was accepted)
        String repeated = String.join(",", java.util.Collections.nCopies(300_000, "\"THREATS\""));
        String big = "{\"exploitationTypes\": [\"FORCED_LABOUR\"], \"exploitationLocation\": \"OVERSEAS\", "
                + "\"indicators\": [" + repeated + "]}";
        assertThat(big.length()).isGreaterThan(2 * 1024 * 1024);
        long before = lastIndex();
        // signed in, or to the one endpoint open to everyone (a report from the public)
        for (Reply reply : List.of(post("police", path, "application/json", big), chunked("police", path, big),
                RawHttp.send(port, "POST", "/api/reports", null, "application/json", big))) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
            assertThat(reply.isProblem()).as(reply.toString()).isTrue();
            // with the headers of every other answer of the API
            assertThat(reply.headers().firstValue("Content-Security-Policy")).as(reply.toString()).isPresent();
            assertThat(reply.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(reply.json().get("limitBytes").asLong()).isEqualTo(2L * 1024 * 1024);
            assertThat(reply.json().get("detail").asText()).contains("2048 KB");
        }
        // not signed in: the 401 comes first, and nothing read the body either
        assertThat(RawHttp.send(port, "POST", path, null, "application/json", big).status()).isEqualTo(401);
        assertThat(usersEventsSince(before)).isZero();
        // a body in chunks within the limit is read as any other
        Reply small = chunked("police", path, "{\"exploitationTypes\": [\"FORCED_LABOUR\"], "
                + "\"exploitationLocation\": \"OVERSEAS\", \"indicators\": [\"THREATS\"]}");
        assertThat(small.status()).as(small.toString()).isEqualTo(204);
        assertThat(usersEventsSince(before)).isEqualTo(1);
    }

    @Test
    void deep_nesting_is_refused() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        refusedNaming("competent-authority", "/api/tasks/" + taskId + "/complete",
                "{\"outcome\": \"NEGATIVE\", \"reasons\": " + deep + "}", "body");
    }

    // item 4: 500s on input

    @Test
    void an_assignee_too_long_or_with_a_nul_character_is_a_400_naming_it() {
        String assign = "/api/tasks/" + taskId + "/assignee";
        refusedNaming("competent-authority-lead", assign, "{\"assignee\": \"" + "a".repeat(129) + "\"}", "assignee");
        refusedNaming("competent-authority-lead", assign, "{\"assignee\": \"a\\u0000b\"}", "assignee");
        refusedNaming("competent-authority-lead", assign, "{\"assignee\": \"competent-authority\", \"x\": 1}", "x");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM work_queue WHERE task_id = ? AND assignee IS NOT NULL",
                Integer.class, taskId)).isZero();
        // 128 characters fit the columns, but no such user works for the agency (the directory decides)
        refusedNaming("competent-authority-lead", assign, "{\"assignee\": \"" + "a".repeat(128) + "\"}", "assignee");
        assertThat(post("competent-authority-lead", assign, "application/json",
                "{\"assignee\": \"competent-authority\"}").status()).isEqualTo(204);
        assertThat(post("competent-authority-lead", assign, "application/json", "{\"assignee\": null}").status())
                .isEqualTo(204);
    }

    @Test
    void a_body_that_is_not_json_is_unsupported_media_type() {
        int before = referrals();
        String multipart = "--b\r\nContent-Disposition: form-data; name=\"person\"\r\n\r\n{}\r\n--b--\r\n";
        for (String[] request : new String[][] {
                {"multipart/form-data; boundary=b", multipart},
                {"multipart/form-data", multipart},
                {"multipart/form-data; boundary=zz", "garbage"},
                {"application/x-www-form-urlencoded", "person=1"},
                {"text/plain", "{}"},
                {"application/xml", "<a/>"}}) {
            Reply reply = post("police", "/api/referrals", request[0], request[1]);
            assertThat(reply.status()).as(request[0] + " -> " + reply).isEqualTo(415);
            assertThat(reply.isProblem()).as(reply.toString()).isTrue();
            assertThat(reply.json().path("field").asText()).isEqualTo("Content-Type");
        }
        assertThat(referrals()).isEqualTo(before);
    }

    private int referrals() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE sequencenumber = 0", Integer.class);
    }

    @Test
    void the_error_page_asked_for_directly_is_a_404_problem() {
        for (String user : new String[] {null, "police"}) {
            Reply reply = get(user, "/error");
            assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
            assertThat(reply.isProblem()).as(reply.toString()).isTrue();
        }
        Reply post = RawHttp.send(port, "POST", "/error", null, "application/json", "{}");
        assertThat(post.status()).isEqualTo(404);
        assertThat(post.isProblem()).isTrue();
    }

    // item 5: a 400 naming the parameter, not a 409 "concurrent change"

    @Test
    void query_parameters_the_database_cannot_take_are_a_400_naming_them() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("/api/tasks?caseId=%00", "caseId");
        cases.put("/api/tasks?caseId=" + "a".repeat(65), "caseId");
        cases.put("/api/tasks?dueBefore=%2B999999999-12-31T23:59:59Z", "dueBefore");
        cases.put("/api/tasks?dueBefore=-999999999-01-01T00:00:00Z", "dueBefore");
        cases.put("/api/tasks?assignee=a%00", "assignee");
        cases.put("/api/tasks?childOnly=maybe", "childOnly");
        cases.put("/api/tasks?childOnly=%00", "childOnly");
        cases.put("/api/tasks?x%00=1", "parameter name");
        cases.put("/api/tasks?limit=0", "limit");
        cases.put("/api/tasks?limit=501", "limit");
        cases.put("/api/tasks?limit=many", "limit");
        cases.put("/api/tasks?cursor=not-a-cursor", "cursor");
        cases.put("/api/tasks?cursor=%00", "cursor");
        cases.put("/api/tasks?cursor=" + java.util.Base64.getUrlEncoder().encodeToString(
                "1|never|2026-01-01T00:00:00Z|t".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "cursor");
        // a forged cursor whose instants or task id the queue could never hold (found from outside: a 500)
        for (String forged : List.of("1|+999999999-12-31T23:59:59Z|2026-01-01T00:00:00Z|t",
                "0|-|-999999999-01-01T00:00:00Z|t", "0|2026-01-01T00:00:00Z|+10000-01-01T00:00:00Z|t",
                "0|-|2026-01-01T00:00:00Z|t\u0000x", "0|-|2026-01-01T00:00:00Z|" + "t".repeat(65))) {
            cases.put("/api/tasks?cursor=" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    forged.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "cursor");
        }
        cases.put("/api/cases/" + caseId + "?asOf=%2B999999999-12-31T23:59:59Z", "asOf");
        cases.put("/api/cases/a%00b", "url"); // refused by the servlet container itself, still as a problem
        cases.put("/api/cases/" + "a".repeat(65) + "/history", "caseId");
        cases.put("/api/oversight/personal-data-reads?caseId=%00", "caseId");
        for (var entry : cases.entrySet()) {
            String user = entry.getKey().startsWith("/api/oversight") ? "rapporteur" : "competent-authority";
            Reply reply = get(user, entry.getKey());
            assertThat(reply.status()).as(entry.getKey() + " -> " + reply).isEqualTo(400);
            assertThat(reply.isProblem()).isTrue();
            assertThat(reply.json().path("field").asText()).as(reply.toString()).isEqualTo(entry.getValue());
        }
        // a parameter is text in the URL: its refusal says what to write there, not what JSON to send
        assertThat(get("competent-authority", "/api/tasks?limit=many").json().path("detail").asText())
                .isEqualTo("'limit' must be a whole number (e.g. 50).");
        assertThat(get("competent-authority", "/api/tasks?childOnly=maybe").json().path("detail").asText())
                .isEqualTo("'childOnly' must be true or false.");
        // a whole number too large is one: the refusal gives the range, not that it is none (found from outside)
        assertThat(get("competent-authority", "/api/tasks?limit=99999999999999").json().path("detail").asText())
                .isEqualTo("'limit' must be between 1 and 500.");
        assertThat(get("competent-authority", "/api/tasks?limit=99999999999999999999").json().path("detail").asText())
                .isEqualTo("'limit' is out of range (a whole number from -9223372036854775808 to "
                        + "9223372036854775807).");
    }

    @Test
    void a_break_glass_reason_too_long_for_the_audit_is_a_400_and_no_read_is_recorded() {
        int reads = jdbc.queryForObject("SELECT count(*) FROM personal_data_read", Integer.class);
        Reply reply = get("admin", "/api/cases/" + caseId + "/history?breakGlassReason=" + "x".repeat(5_000));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().path("field").asText()).isEqualTo("breakGlassReason");
        reply = get("admin", "/api/cases/" + caseId + "/history?breakGlassReason=court%00order");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().path("field").asText()).isEqualTo("breakGlassReason");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_read", Integer.class)).isEqualTo(reads);
        assertThat(get("admin", "/api/cases/" + caseId + "/history?breakGlassReason=" + "x".repeat(900)).status())
                .isEqualTo(200);
    }

    @Test
    void every_generated_refusal_of_these_parameters_names_one() {
        List<String> failures = new ArrayList<>();
        for (String value : new String[] {"%00", "%01", "%7F", "a%1Bb", "a".repeat(3_000)}) {
            for (String parameter : new String[] {"caseId", "dueBefore", "assignee", "childOnly"}) {
                Reply reply = get("police", "/api/tasks?" + parameter + "=" + value);
                JsonNode body = reply.status() == 400 ? reply.json() : null;
                if (body == null || !parameter.equals(body.path("field").asText())) {
                    failures.add(parameter + "=" + value.substring(0, Math.min(40, value.length())) + " -> " + reply);
                }
            }
        }
        for (String value : new String[] {"%2B999999999-12-31T23:59:59Z", "1899-12-31T23:59:59Z", "10000-01-01T00:00:00Z",
                "2026-13-01T00:00:00Z", "2026-12-01", "now"}) {
            Reply reply = get("police", "/api/tasks?dueBefore=" + value);
            if (reply.status() != 400 || !"dueBefore".equals(reply.json().path("field").asText())) {
                failures.add("dueBefore=" + value + " -> " + reply);
            }
        }
        assertThat(failures).isEmpty();
    }
}

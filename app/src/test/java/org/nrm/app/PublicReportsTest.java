package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.CaseFixtures;
import org.nrm.app.support.PlatformTest;

/**
 * Reports from the public (issue #17), end to end over HTTP: an anonymous report answers a receipt and nothing else
 * and lands in the triage queue of the jurisdiction's first responder ({@code ngo-outreach} in the demo) as a task
 * with a due date; triage dismisses it, merges a duplicate (over the task completion) or turns it into a referral
 * (the case remembers the report); the statistics count reports by channel and campaign and what they led to; a flood
 * from one address gets 429 with Retry-After; no client address is stored in any table.
 */
class PublicReportsTest extends PlatformTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(10);
    private static final String TRIAGE = "ngo-outreach";

    /** A report as the contract's example: what, where, when, a contact, the channel and a campaign. */
    static Map<String, Object> report(String channel) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("description", "Young women driven to a nail bar at dawn and collected at night");
        body.put("location", "High Street, Northtown");
        body.put("occurredOn", "2026-11-30");
        body.put("contact", "07700 900123");
        body.put("channel", channel);
        body.put("campaign", "BLUE-HEART-2026");
        return body;
    }

    /** A client address of the documentation range, a new one per call (the rate limit is per address). */
    private static String address() {
        return "203.0.113." + ADDRESSES.incrementAndGet();
    }

    /** An anonymous report through the reverse proxy (localhost is a trusted proxy), from {@code address}. */
    private Api.Response anonymousReport(Map<String, Object> body, String address) {
        return anonymous().post("/api/reports", body, Map.of("X-Forwarded-For", address));
    }

    private String receiptOf(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.body().get("receipt").asText();
    }

    private JsonNode listed(String receipt) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode report : as(TRIAGE).get("/api/reports?all=true").body()) {
                if (receipt.equals(report.path("receipt").asText())) {
                    return report;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

    @Test
    void an_anonymous_report_answers_only_a_receipt_and_lands_in_the_triage_queue_with_a_due_date() {
        Api.Response response = anonymousReport(report("WEB"), address());
        String receipt = receiptOf(response);
        assertThat(response.body().size()).as("nothing but the receipt: " + response).isEqualTo(1);
        assertThat(receipt).matches("R-[A-Z2-9]{5}-[A-Z2-9]{5}");
        assertThat(response.location()).isNull();

        JsonNode report = listed(receipt);
        assertThat(report.get("status").asText()).isEqualTo("OPEN");
        assertThat(report.get("channel").asText()).isEqualTo("WEB");
        assertThat(report.get("campaign").asText()).isEqualTo("BLUE-HEART-2026");
        String reportId = report.get("reportId").asText();
        assertThat(report.get("taskId").isNull()).isFalse();

        // like every task: in the agency's queue, with its due date
        JsonNode task = null;
        for (JsonNode t : as(TRIAGE).get("/api/tasks?caseId=" + reportId).body()) {
            if ("public-report-triage".equals(t.get("key").asText())) {
                task = t;
            }
        }
        assertThat(task).as("the triage task in " + TRIAGE + "'s queue").isNotNull();
        assertThat(task.get("agency").asText()).isEqualTo(TRIAGE);
        assertThat(Instant.parse(task.get("dueAt").asText())).isAfter(Instant.now());
        assertThat(as("police").get("/api/tasks?caseId=" + reportId).body()).as("not in another agency's queue")
                .isEmpty();

        // only the triage agency reads the queue of reports; no one else, and not the public
        assertThat(as("police").get("/api/reports").status()).isEqualTo(403);
        assertThat(as("rapporteur").get("/api/reports").status()).isEqualTo(403);
        assertThat(anonymous().get("/api/reports").status()).isEqualTo(401);

        // what was seen and the contact are sealed in the event (the report's own key), never in clear
        Long clear = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND position(convert_to('07700 900123', 'UTF8') in payload) > 0", Long.class, reportId);
        assertThat(clear).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ?", Long.class,
                "report:" + reportId)).isEqualTo(1);
        // the triage agency reads what was written, and that read of personal data is recorded
        JsonNode details = as(TRIAGE).get("/api/reports/" + reportId).body();
        assertThat(details.get("description").asText()).isEqualTo(report("WEB").get("description"));
        assertThat(details.get("contact").asText()).isEqualTo("07700 900123");
        assertThat(details.get("report").get("receipt").asText()).isEqualTo(receipt);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_read WHERE case_id = ? AND agency = ?",
                Long.class, "report:" + reportId, TRIAGE)).isEqualTo(1);
        assertThat(as("police").get("/api/reports/" + reportId).status()).isEqualTo(403);
    }

    @Test
    void bad_reports_are_problems_naming_the_field_and_store_nothing() {
        long before = jdbc.queryForObject("SELECT count(*) FROM public_report", Long.class);
        Map<String, Object> noDescription = new LinkedHashMap<>(report("WEB"));
        noDescription.remove("description");
        Map<String, Object> badChannel = new LinkedHashMap<>(report("WEB"));
        badChannel.put("channel", "CARRIER_PIGEON");
        Map<String, Object> unknownCampaign = new LinkedHashMap<>(report("WEB"));
        unknownCampaign.put("campaign", "NO-SUCH-CAMPAIGN");
        Map<String, Object> future = new LinkedHashMap<>(report("WEB"));
        future.put("occurredOn", "2999-01-01");
        for (var entry : Map.of("description", noDescription, "channel", badChannel, "campaign", unknownCampaign,
                "occurredOn", future).entrySet()) {
            Api.Response response = anonymousReport(entry.getValue(), address());
            assertThat(response.status()).as(entry.getKey() + ": " + response).isEqualTo(400);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.body().toString()).as(entry.getKey()).contains(entry.getKey());
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM public_report", Long.class)).isEqualTo(before);
    }

    @Test
    void triage_dismisses_a_report_with_a_reason_and_a_second_triage_is_a_conflict() {
        String receipt = receiptOf(anonymousReport(report("OTHER"), address()));
        String reportId = listed(receipt).get("reportId").asText();

        assertThat(as(TRIAGE).post("/api/reports/" + reportId + "/dismissal", Map.of()).status())
                .as("a dismissal gives its reason").isEqualTo(400);
        assertThat(as("police").post("/api/reports/" + reportId + "/dismissal", Map.of("reason", "x")).status())
                .as("not the police's queue").isEqualTo(403);
        Api.Response dismissed = as(TRIAGE).post("/api/reports/" + reportId + "/dismissal",
                Map.of("reason", "A licensed business, staff checked"));
        assertThat(dismissed.status()).as(dismissed.toString()).isEqualTo(204);
        assertThat(listed(receipt).get("status").asText()).isEqualTo("DISMISSED");
        assertThat(as(TRIAGE).get("/api/tasks?caseId=" + reportId).body()).as("the task is done").isEmpty();

        Api.Response again = as(TRIAGE).post("/api/reports/" + reportId + "/dismissal", Map.of("reason", "again"));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(as(TRIAGE).post("/api/reports/no-such-report/dismissal", Map.of("reason", "x")).status())
                .isEqualTo(404);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.nrm.app.consistency.ConsistencyChecker checker;

    @Test
    void a_report_waiting_in_triage_and_a_report_referred_leave_the_consistency_checker_nothing_to_report() {
        String waiting = listed(receiptOf(anonymousReport(report("WEB"), address()))).get("reportId").asText();
        String referred = listed(receiptOf(anonymousReport(report("WEB"), address()))).get("reportId").asText();
        Api.Response referral = as(TRIAGE).post("/api/reports/" + referred + "/referral", CaseFixtures.adult());
        assertThat(referral.status()).isEqualTo(201);
        org.nrm.app.support.Consistency.assertConsistent(checker,
                List.of(waiting, referred, referral.body().get("caseId").asText()));
    }

    @Test
    void triage_merges_a_duplicate_by_completing_its_task_over_http() {
        String first = listed(receiptOf(anonymousReport(report("WEB"), address()))).get("reportId").asText();
        String second = listed(receiptOf(anonymousReport(report("WEB"), address()))).get("reportId").asText();
        String task = awaitTask(TRIAGE, second, "public-report-triage");

        Api.Response unknownOutcome = as(TRIAGE).post("/api/tasks/" + task + "/complete", Map.of("outcome", "MAYBE"));
        assertThat(unknownOutcome.status()).isEqualTo(400);
        // a merge into a report never received (an unknown id, or a case's id) is refused by its rule, nothing done
        String caseId = refer(referralOfAdult());
        for (String notAReport : List.of(java.util.UUID.randomUUID().toString(), caseId)) {
            Api.Response refused = as(TRIAGE).post("/api/tasks/" + task + "/complete",
                    Map.of("outcome", "DUPLICATE", "duplicateOf", notAReport));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.body().get("rule").asText()).isEqualTo("duplicate-of-unknown-report");
            assertThat(jdbc.queryForObject("SELECT status FROM public_report WHERE report_id = ?", String.class,
                    second)).isEqualTo("OPEN");
        }
        Api.Response merged = as(TRIAGE).post("/api/tasks/" + task + "/complete",
                Map.of("outcome", "DUPLICATE", "duplicateOf", first));
        assertThat(merged.status()).as(merged.toString()).isEqualTo(204);

        JsonNode listed = null;
        for (JsonNode report : as(TRIAGE).get("/api/reports?all=true").body()) {
            if (second.equals(report.get("reportId").asText())) {
                listed = report;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("status").asText()).isEqualTo("MERGED");
        assertThat(listed.get("duplicateOf").asText()).isEqualTo(first);
        assertThat(jdbc.queryForObject("SELECT status FROM public_report WHERE report_id = ?", String.class, first))
                .isEqualTo("OPEN");
    }

    @Test
    void a_report_turned_into_a_referral_is_remembered_by_the_case_and_counted_in_the_statistics() {
        // as many as the suppression threshold, so that the period's cells are published
        List<String> cases = new ArrayList<>();
        List<String> reports = new ArrayList<>();
        String lastReceipt = null;
        for (int i = 0; i < 5; i++) {
            lastReceipt = receiptOf(anonymousReport(report(i == 0 ? "HOTLINE" : "WEB"), address()));
            String reportId = listed(lastReceipt).get("reportId").asText();
            reports.add(reportId);
            Api.Response referred = as(TRIAGE).post("/api/reports/" + reportId + "/referral", CaseFixtures.adult());
            assertThat(referred.status()).as(referred.toString()).isEqualTo(201);
            assertThat(referred.location()).isEqualTo("/api/cases/" + referred.body().get("caseId").asText());
            cases.add(referred.body().get("caseId").asText());
            assertThat(listed(lastReceipt).get("status").asText()).isEqualTo("REFERRED");
            assertThat(listed(lastReceipt).get("caseId").asText()).isEqualTo(cases.get(i));
        }
        // the case remembers the report it came from; its referring agency is the triage agency
        String caseId = cases.get(4);
        JsonNode view = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> as(TRIAGE).get("/api/cases/" + caseId), r -> r.status() == 200).body();
        assertThat(view.get("publicReport").get("receipt").asText()).isEqualTo(lastReceipt);
        assertThat(view.get("referringAgency").asText()).isEqualTo(TRIAGE);
        // a referral from a report is triaged once
        String reportId = listed(lastReceipt).get("reportId").asText();
        assertThat(as(TRIAGE).post("/api/reports/" + reportId + "/referral", CaseFixtures.adult()).status())
                .isEqualTo(409);

        // positive reasonable-grounds decisions for all of them
        for (String c : cases) {
            String task = awaitTask("competent-authority", c, "reasonable-grounds-decision");
            assertThat(as("competent-authority").post("/api/tasks/" + task + "/complete",
                    Map.of("outcome", "POSITIVE", "reasons", "Credible account")).status()).isEqualTo(204);
        }
        // the statistics count whole days: the five reports are given a day of their own (one no other test
        // uses), so that the reports of the tests before (a flood among them) are not in it
        jdbc.update("UPDATE public_report SET received_at = TIMESTAMPTZ '2011-03-15 12:00:00+00' WHERE report_id = ANY (?)",
                (Object) reports.toArray(String[]::new));
        String period = "?from=2011-03-15&to=2011-03-16";
        JsonNode figures = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> as("rapporteur").get("/api/oversight/statistics" + period).body().get("publicReports"),
                f -> f.get("positiveReasonableGrounds").path("count").asLong() == 5);
        assertThat(figures.get("received").get("count").asLong()).isEqualTo(5);
        assertThat(figures.get("ledToReferral").get("count").asLong()).isEqualTo(5);
        assertThat(figures.get("ledToReferral").get("suppressed").asBoolean()).isFalse();
        // by channel: 4 web reports and 1 hotline report, both below the threshold of 5: suppressed
        JsonNode byChannel = figures.get("byChannel").get("ledToReferral");
        assertThat(byChannel.findValuesAsText("category")).containsExactly("HOTLINE", "WEB");
        for (JsonNode cell : byChannel) {
            assertThat(cell.get("suppressed").asBoolean()).as(cell.toString()).isTrue();
            assertThat(cell.get("count").isNull()).as(cell.toString()).isTrue();
        }
        JsonNode byCampaign = figures.get("byCampaign").get("ledToReferral");
        assertThat(byCampaign.get(0).get("category").asText()).isEqualTo("BLUE-HEART-2026");
        assertThat(byCampaign.get(0).get("count").asLong()).isEqualTo(5);

        // the erasure of the person's data takes the report's with it (what was seen may describe the person)
        String erasedReport = listed(lastReceipt).get("reportId").asText();
        assertThat(as(TRIAGE).get("/api/reports/" + erasedReport).body().get("description").asText())
                .isEqualTo(report("WEB").get("description"));
        assertThat(as("admin").post("/api/cases/" + caseId + "/erasure", Map.of("reason", "Request of the person"))
                .status()).isEqualTo(204);
        JsonNode erased = as(TRIAGE).get("/api/reports/" + erasedReport).body();
        assertThat(erased.get("description").asText()).isEqualTo("[erased]");
        assertThat(erased.get("contact").asText()).isEqualTo("[erased]");

    }

    @Test
    void a_flood_from_one_address_gets_429_with_retry_after_and_other_addresses_go_on() {
        String flooding = address();
        List<Integer> statuses = new ArrayList<>();
        Api.Response refused = null;
        for (int i = 0; i < 8; i++) {
            Api.Response response = anonymousReport(report("WEB"), flooding);
            statuses.add(response.status());
            if (response.status() == 429) {
                refused = response;
            }
        }
        assertThat(statuses.subList(0, 5)).containsOnly(201);
        assertThat(statuses.subList(5, 8)).containsOnly(429);
        assertThat(refused.isProblem()).isTrue();
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 600L);
        // another address (another client behind the same proxy) is not held back, nor a hotline operator
        assertThat(anonymousReport(report("WEB"), address()).status()).isEqualTo(201);
        assertThat(as(TRIAGE).post("/api/reports", report("HOTLINE"), Map.of("X-Forwarded-For", flooding)).status())
                .isEqualTo(201);
    }

    @Test
    void an_anonymous_report_under_an_idempotency_key_is_received_once_and_answers_the_same_receipt() {
        String key = UUID.randomUUID().toString();
        String from = address();
        Map<String, String> headers = Map.of("X-Forwarded-For", from, "Idempotency-Key", key);
        long before = jdbc.queryForObject("SELECT count(*) FROM public_report", Long.class);
        Api.Response first = anonymous().post("/api/reports", report("WEB"), headers);
        Api.Response again = anonymous().post("/api/reports", report("WEB"), headers);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body().get("receipt").asText()).isEqualTo(first.body().get("receipt").asText());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM public_report", Long.class)).isEqualTo(before + 1);
        Map<String, Object> other = new LinkedHashMap<>(report("WEB"));
        other.put("location", "Elsewhere");
        assertThat(anonymous().post("/api/reports", other, headers).status()).isEqualTo(422);
        // the key's scope is "anonymous": no address in it
        assertThat(jdbc.queryForList("SELECT principal FROM idempotency_key WHERE key = ?", String.class, key))
                .containsExactly("anonymous");
    }

    @Test
    void no_table_holds_the_address_a_report_came_from() {
        String address = "198.51.100." + (200 + ADDRESSES.incrementAndGet() % 50);
        String receipt = receiptOf(anonymousReport(report("WEB"), address));
        listed(receipt);
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> columns = jdbc.queryForList("""
                SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns
                 WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
                   AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'bytea', 'inet',
                                     'ARRAY')""");
        assertThat(columns).hasSizeGreaterThan(50);
        for (Map<String, Object> column : columns) {
            String table = "\"" + column.get("table_schema") + "\".\"" + column.get("table_name") + "\"";
            String name = "\"" + column.get("column_name") + "\"";
            String where = "bytea".equals(column.get("data_type"))
                    ? "position(convert_to(?, 'UTF8') in " + name + ") > 0"
                    : name + "::text LIKE '%' || ? || '%'";
            Long hits = jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE " + where, Long.class, address);
            if (hits != null && hits > 0) {
                found.add(table + "." + name);
            }
        }
        assertThat(found).as("columns holding the client address " + address).isEmpty();
    }
}

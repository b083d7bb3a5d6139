package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PageSession;
import org.nrm.app.support.PlatformTest;

/**
 * The public page to report a suspicion of trafficking (issue #17): reachable without signing in and linked from the
 * sign-in page, in English, Vietnamese and Romanian; its form carries a CSRF token, answers a receipt and stores the
 * report with the channel WEB (a signed-in hotline operator may choose HOTLINE) and the campaign; bad input shows the
 * form again (400) and stores nothing.
 */
class PublicReportPageTest extends PlatformTest {

    private static int next = 20;

    /** An anonymous browser behind the proxy, from its own address (the rate limit is per address). */
    private PageSession browser() {
        return new PageSession(port, Map.of("X-Forwarded-For", "192.0.2." + (next++)));
    }

    private long reports() {
        return jdbc.queryForObject("SELECT count(*) FROM public_report", Long.class);
    }

    @Test
    void the_page_is_public_linked_from_the_sign_in_page_and_speaks_three_languages() {
        PageSession browser = browser();
        assertThat(browser.get("/login").body()).contains("href=\"/report\"");
        HttpResponse<String> english = browser.get("/report");
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("lang=\"en\"", "Report a suspicion of trafficking", "name=\"_csrf\"");
        HttpResponse<String> vietnamese = browser.get("/report?lang=vi");
        assertThat(vietnamese.body()).contains("lang=\"vi\"", "Báo cáo nghi ngờ buôn bán người", "Gửi báo cáo");
        HttpResponse<String> romanian = browser.get("/report?lang=ro");
        assertThat(romanian.body()).contains("lang=\"ro\"", "Raportați o suspiciune de trafic de persoane");
        // the browser's language when none is asked for; an unknown one falls back to English
        assertThat(browser.get("/report?lang=xx").body()).contains("lang=\"en\"");
        // a poster's link names its campaign
        assertThat(browser.get("/report?campaign=SAFE-WORK-AT-SEA").body())
                .contains("value=\"SAFE-WORK-AT-SEA\" selected");
    }

    @Test
    void a_report_from_the_page_answers_only_its_receipt_and_is_stored_with_channel_and_campaign() {
        PageSession browser = browser();
        browser.get("/report?lang=vi");
        HttpResponse<String> sent = browser.post("/report", Map.of("lang", "vi",
                "description", "Hai đứa trẻ bán hoa đến khuya, một người đàn ông thu tiền",
                "location", "Chợ đêm", "occurredOn", "2026-11-29", "contact", "", "campaign", "HOTLINE-POSTERS"));
        assertThat(sent.statusCode()).isEqualTo(200);
        Matcher receipt = Pattern.compile("class=\"receipt\">(R-[A-Z2-9]{5}-[A-Z2-9]{5})<").matcher(sent.body());
        assertThat(receipt.find()).as(sent.body()).isTrue();
        assertThat(sent.body()).contains("Cảm ơn bạn");
        Map<String, Object> row = jdbc.queryForMap("SELECT channel, campaign, occurred_on::text AS day, status "
                + "FROM public_report WHERE receipt = ?", receipt.group(1));
        assertThat(row).containsEntry("channel", "WEB").containsEntry("campaign", "HOTLINE-POSTERS")
                .containsEntry("day", "2026-11-29").containsEntry("status", "OPEN");
    }

    @Test
    void a_hotline_operator_signed_in_records_the_channel() {
        PageSession operator = new PageSession(port);
        operator.signIn("ngo-outreach", "demo");
        assertThat(operator.get("/report").body()).contains("name=\"channel\"");
        HttpResponse<String> sent = operator.post("/report", Map.of("description", "Caller saw men locked in a van",
                "channel", "HOTLINE"));
        Matcher receipt = Pattern.compile("class=\"receipt\">(R-[A-Z2-9-]+)<").matcher(sent.body());
        assertThat(receipt.find()).as(sent.body()).isTrue();
        assertThat(jdbc.queryForObject("SELECT channel FROM public_report WHERE receipt = ?", String.class,
                receipt.group(1))).isEqualTo("HOTLINE");
        // the public cannot claim another channel than the page
        PageSession browser = browser();
        browser.get("/report");
        HttpResponse<String> forged = browser.post("/report", Map.of("description", "Seen", "channel", "HOTLINE"));
        Matcher forgedReceipt = Pattern.compile("class=\"receipt\">(R-[A-Z2-9-]+)<").matcher(forged.body());
        assertThat(forgedReceipt.find()).isTrue();
        assertThat(jdbc.queryForObject("SELECT channel FROM public_report WHERE receipt = ?", String.class,
                forgedReceipt.group(1))).isEqualTo("WEB");
    }

    @Test
    void the_triage_agencys_inbox_links_a_report_to_its_page_and_no_other_agency_reads_it() {
        PageSession browser = browser();
        browser.get("/report");
        HttpResponse<String> sent = browser.post("/report", Map.of("description", "A boy sleeping in the bakery's van",
                "location", "Quay Street", "contact", "ask for Sam at the kiosk"));
        Matcher receipt = Pattern.compile("class=\"receipt\">(R-[A-Z2-9-]+)<").matcher(sent.body());
        assertThat(receipt.find()).isTrue();
        String reportId = jdbc.queryForObject("SELECT report_id FROM public_report WHERE receipt = ?", String.class,
                receipt.group(1));
        PageSession ngo = new PageSession(port);
        ngo.signIn("ngo-outreach", "demo");
        String inbox = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> ngo.get("/inbox").body(), body -> body.contains("/reports/" + reportId));
        assertThat(inbox).doesNotContain("/cases/" + reportId);
        HttpResponse<String> page = ngo.get("/reports/" + reportId);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("A boy sleeping in the bakery", "Quay Street", "ask for Sam at the kiosk",
                receipt.group(1));
        assertThat(ngo.get("/reports/no-such-report").statusCode()).isEqualTo(404);
        PageSession police = new PageSession(port);
        police.signIn("police", "demo");
        HttpResponse<String> refused = police.get("/reports/" + reportId);
        assertThat(refused.statusCode()).isIn(302, 403);
        assertThat(refused.body()).doesNotContain("A boy sleeping in the bakery");
    }

    @Test
    void bad_input_shows_the_form_again_and_a_form_without_its_csrf_token_is_refused() {
        PageSession browser = browser();
        browser.get("/report?lang=ro");
        long before = reports();
        for (Map<String, String> bad : List.of(Map.of("description", "  "),
                Map.of("description", "Seen", "occurredOn", "2026-02-31"),
                Map.of("description", "Seen", "campaign", "NO-SUCH-CAMPAIGN"),
                Map.of("description", "Seen \u001b[31m by the road"), Map.of("description", "A bell\u0007"))) {
            HttpResponse<String> refused = browser.post("/report", Map.of("lang", "ro", "description",
                    bad.get("description"), "occurredOn", bad.getOrDefault("occurredOn", ""),
                    "campaign", bad.getOrDefault("campaign", "")));
            assertThat(refused.statusCode()).as(bad.toString()).isEqualTo(400);
            assertThat(refused.body()).contains("Vă rugăm corectați câmpurile marcate", "field-error");
        }
        assertThat(browser.postWithoutCsrf("/report", Map.of("description", "Seen")).statusCode()).isEqualTo(403);
        assertThat(reports()).isEqualTo(before);
    }
    /** A report sent from the public page; its report id. */
    private String reported(String description) {
        PageSession browser = browser();
        browser.get("/report");
        HttpResponse<String> sent = browser.post("/report", Map.of("description", description, "campaign", ""));
        Matcher receipt = Pattern.compile("class=\"receipt\">(R-[A-Z2-9-]+)<").matcher(sent.body());
        assertThat(receipt.find()).as(sent.body()).isTrue();
        return jdbc.queryForObject("SELECT report_id FROM public_report WHERE receipt = ?", String.class,
                receipt.group(1));
    }

    private Map<String, Object> row(String reportId) {
        return jdbc.queryForMap("SELECT status, duplicate_of, case_id FROM public_report WHERE report_id = ?",
                reportId);
    }

    private PageSession triager(String user) {
        PageSession session = new PageSession(port);
        assertThat(session.signIn(user, "demo").statusCode()).isEqualTo(302);
        return session;
    }

    /** The report's page once its triage task is in the queue (the forms show while it is open). */
    private String triagePage(PageSession session, String reportId) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> session.get("/reports/" + reportId), r -> r.statusCode() == 200
                        && r.body().contains("/reports/" + reportId + "/dismissal")).body();
    }

    @Test
    void triage_dismisses_a_report_from_its_page_with_a_reason_and_a_blank_reason_stores_nothing() {
        String reportId = reported("Lights on all night above the takeaway");
        PageSession ngo = triager("ngo-outreach");
        String page = triagePage(ngo, reportId);
        assertThat(page).contains("name=\"reason\"", "name=\"duplicateOf\"", "/reports/" + reportId + "/referral");
        HttpResponse<String> blank = ngo.post("/reports/" + reportId + "/dismissal", Map.of("reason", "  "));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("id=\"dismissal-reason-error\"", "Give the reason for dismissing the report.");
        assertThat(row(reportId)).containsEntry("status", "OPEN");
        for (String reason : List.of("bad\u001breason", "bad\u0007reason", "bad\u0000reason")) {
            HttpResponse<String> control = ngo.post("/reports/" + reportId + "/dismissal", Map.of("reason", reason));
            assertThat(control.statusCode()).as(reason).isEqualTo(400);
            assertThat(control.body()).contains("id=\"dismissal-reason-error\"", "Use no control characters");
            assertThat(row(reportId)).containsEntry("status", "OPEN");
        }
        HttpResponse<String> dismissed = ngo.post("/reports/" + reportId + "/dismissal",
                Map.of("reason", "A licensed night bakery"));
        assertThat(dismissed.statusCode()).as(dismissed.body()).isEqualTo(302);
        assertThat(dismissed.headers().firstValue("Location").orElseThrow()).endsWith("/inbox");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> "DISMISSED".equals(row(reportId).get("status")));
        // triaged: the page shows the status and no forms; a second dismissal is refused with the rule
        assertThat(ngo.get("/reports/" + reportId).body()).doesNotContain("/reports/" + reportId + "/dismissal");
        HttpResponse<String> again = ngo.post("/reports/" + reportId + "/dismissal", Map.of("reason", "Again"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already triaged");
    }

    @Test
    void triage_merges_a_duplicate_into_a_report_the_page_offers_and_nothing_else() {
        String first = reported("Girls brought to the house on Elm Road every evening");
        String duplicate = reported("Every evening girls are driven to a house on Elm Road");
        PageSession lead = triager("ngo-outreach-lead");
        String page = triagePage(lead, duplicate);
        assertThat(page).contains("value=\"" + first + "\"").doesNotContain("value=\"" + duplicate + "\"");
        for (String bad : List.of("", duplicate, "no-such-report")) {
            HttpResponse<String> refused = lead.post("/reports/" + duplicate + "/merge", Map.of("duplicateOf", bad));
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body()).contains("id=\"merge-duplicateOf-error\"");
        }
        assertThat(row(duplicate)).containsEntry("status", "OPEN");
        HttpResponse<String> merged = lead.post("/reports/" + duplicate + "/merge", Map.of("duplicateOf", first));
        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(302);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> "MERGED".equals(row(duplicate).get("status")));
        assertThat(row(duplicate)).containsEntry("duplicate_of", first);
        assertThat(row(first)).containsEntry("status", "OPEN");
    }

    @Test
    void a_triage_case_worker_turns_a_report_into_a_referral_from_the_page_and_the_case_remembers_it() {
        String reportId = reported("A man sleeping in the car wash's back room");
        PageSession ngo = triager("ngo-outreach");
        triagePage(ngo, reportId);
        HttpResponse<String> form = ngo.get("/reports/" + reportId + "/referral");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("action=\"/reports/" + reportId + "/referral\"", "name=\"givenName\"");
        long referrals = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE "
                + "'%.ReferralSubmitted'", Long.class);
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(List.of(
                Map.entry("givenName", "Ion"), Map.entry("gender", "MALE"),
                Map.entry("citizenships", "RO"), Map.entry("languages", "ron"),
                Map.entry("exploitationTypes", "FORCED_LABOUR"), Map.entry("exploitationLocation", "DOMESTIC"),
                Map.entry("consentToReferral", "yes"), Map.entry("needsAccommodation", "no")));
        List<Map.Entry<String, String>> wrongDate = new java.util.ArrayList<>(fields);
        wrongDate.add(Map.entry("birthDate", "1988-02-31"));
        HttpResponse<String> wrong = ngo.post("/reports/" + reportId + "/referral", wrongDate);
        assertThat(wrong.statusCode()).as("no such day").isEqualTo(400);
        assertThat(wrong.body()).contains("id=\"birthDate-error\"");
        assertThat(row(reportId)).containsEntry("status", "OPEN");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE "
                + "'%.ReferralSubmitted'", Long.class)).isEqualTo(referrals);
        fields.add(Map.entry("birthDate", "1988-04-02"));
        HttpResponse<String> done = ngo.post("/reports/" + reportId + "/referral", fields);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        String caseId = done.headers().firstValue("Location").orElseThrow().replaceAll(".*/cases/", "");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> "REFERRED".equals(row(reportId).get("status")));
        assertThat(row(reportId)).containsEntry("case_id", caseId);
        // a lead of the triage agency triages but does not refer
        PageSession lead = triager("ngo-outreach-lead");
        assertThat(lead.get("/reports/" + reported("Another van at dawn") + "/referral").statusCode()).isEqualTo(404);
    }
}

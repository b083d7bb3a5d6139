package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PageSession;
import org.nrm.app.support.PlatformTest;

/**
 * The case page's forms posted as a browser posts them (session, CSRF token): each one with bad input is shown again
 * with the message at the field and stores nothing; with good input it records its step and sends back to the case.
 * The decision-letter link is on the page for the competent authority only and answers the PDF.
 */
class CaseActionFormsTest extends PlatformTest {

    private PageSession signedIn(String user) {
        PageSession session = new PageSession(port);
        HttpResponse<String> signIn = session.signIn(user, "demo");
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return session;
    }

    @Test
    void the_consent_form_turns_a_notification_into_a_referral_and_a_bad_birth_date_stores_nothing() {
        var notification = new HashMap<>(referralOfAdult());
        notification.put("consentToReferral", false);
        notification.put("person", Map.of("gender", "FEMALE", "birthDate", "1990-03-01", "ageUncertain", false,
                "citizenships", java.util.List.of("VN")));
        String caseId = refer(notification);
        assertThat(stage(caseId)).isEqualTo("NOTIFICATION");
        PageSession police = signedIn("police");
        String page = "/cases/" + caseId;
        assertThat(police.get(page).body()).contains("action=\"/cases/" + caseId + "/consent\"");
        int before = storedEvents(caseId);

        Map<String, String> form = new HashMap<>(Map.of("givenName", "Lan", "familyName", "Nguyen",
                "birthDate", "1990-02-31", "gender", "FEMALE", "citizenships", "VN", "languages", "vie"));
        HttpResponse<String> bad = police.post(page + "/consent", form);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"consent-birthDate\"").contains("class=\"field-error\"")
                .contains("value=\"Nguyen\"");
        assertThat(storedEvents(caseId)).isEqualTo(before);
        assertThat(stage(caseId)).isEqualTo("NOTIFICATION");

        form.put("birthDate", "1990-03-01");
        HttpResponse<String> good = police.post(page + "/consent", form);
        assertThat(good.statusCode()).isEqualTo(302);
        assertThat(good.headers().firstValue("Location").orElseThrow()).endsWith(page);
        Awaitility.await().until(() -> "AWAITING_REASONABLE_GROUNDS".equals(stage(caseId)));
        assertThat(historyTypes(caseId)).contains("ConsentGiven");
    }

    @Test
    void the_reconsideration_form_needs_a_ground_and_then_records_the_request() {
        String caseId = refer(referralOfAdult());
        decide(caseId, "NEGATIVE", "No indicators found");
        PageSession police = signedIn("police");
        String page = "/cases/" + caseId;
        Awaitility.await().until(() -> police.get(page).body().contains("/reconsideration\""));
        // the decision is taken: the page does not say the case awaits it (the API's stage is the contract's)
        assertThat(police.get(page).body()).contains("Negative reasonable grounds: reconsideration possible")
                .doesNotContain("Awaiting reasonable grounds");
        assertThat(police.get("/cases").body()).contains("Negative reasonable grounds: reconsideration possible");
        int before = storedEvents(caseId);

        HttpResponse<String> bad = police.post(page + "/reconsideration",
                Map.of("ground", "", "explanation", "New evidence from the shelter"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("class=\"field-error\"").contains("New evidence from the shelter");
        assertThat(storedEvents(caseId)).isEqualTo(before);

        HttpResponse<String> good = police.post(page + "/reconsideration",
                Map.of("ground", "NEW_EVIDENCE", "explanation", "New evidence from the shelter"));
        assertThat(good.statusCode()).as(good.body()).isEqualTo(302);
        assertThat(historyTypes(caseId)).contains("ReconsiderationRequested");
        Awaitility.await().until(() -> police.get(page).body()
                .contains("Negative reasonable grounds: reconsideration requested"));
    }

    @Test
    void the_extension_and_closure_forms_refuse_bad_input_then_record_the_step() {
        String caseId = refer(referralOfAdult());
        decide(caseId, "POSITIVE", "Credible account");
        PageSession authority = signedIn("competent-authority");
        String page = "/cases/" + caseId;
        Awaitility.await().until(() -> authority.get(page).body().contains("/extension\""));
        int before = storedEvents(caseId);

        HttpResponse<String> badDays = authority.post(page + "/extension", Map.of("days", "400", "reason", "Slow"));
        assertThat(badDays.statusCode()).isEqualTo(400);
        assertThat(badDays.body()).contains("class=\"field-error\"").contains(">Slow<", "value=\"400\"");
        HttpResponse<String> badClosure = authority.post(page + "/closure", Map.of("category", "WITHDRAWN",
                "reason", " "));
        assertThat(badClosure.statusCode()).isEqualTo(400);
        assertThat(badClosure.body()).contains("id=\"closure-reason\"").contains("class=\"field-error\"");
        // no category chosen: named, not taken as "other" (the oversight publishes closures by category)
        HttpResponse<String> noCategory = authority.post(page + "/closure", Map.of("category", "",
                "reason", "The person withdrew"));
        assertThat(noCategory.statusCode()).isEqualTo(400);
        assertThat(noCategory.body()).contains("id=\"closure-category-error\"").contains("The person withdrew");
        Api.Response apiWithout = as("competent-authority").post("/api/cases/" + caseId + "/closure",
                Map.of("reason", "The person withdrew"));
        assertThat(apiWithout.status()).as(apiWithout.toString()).isEqualTo(400);
        assertThat(apiWithout.body().get("field").asText()).isEqualTo("category");
        assertThat(storedEvents(caseId)).isEqualTo(before);

        HttpResponse<String> extended = authority.post(page + "/extension", Map.of("days", "14",
                "reason", "Needs more time to recover"));
        assertThat(extended.statusCode()).isEqualTo(302);
        assertThat(historyTypes(caseId)).contains("RecoveryPeriodExtended");
        HttpResponse<String> closed = authority.post(page + "/closure", Map.of("category", "WITHDRAWN",
                "reason", "The person withdrew"));
        assertThat(closed.statusCode()).isEqualTo(302);
        assertThat(historyTypes(caseId)).contains("CaseClosed");
        Awaitility.await().until(() -> "CLOSED".equals(stage(caseId)));
    }

    @Test
    void a_closed_case_shows_no_running_deadline_and_the_competent_authority_reopens_it_from_the_page() {
        String caseId = refer(referralOfAdult());
        decide(caseId, "POSITIVE", "Credible account");
        PageSession authority = signedIn("competent-authority");
        String page = "/cases/" + caseId;
        // a journey's legs read as fields in turn, not as {stage=RECRUITMENT, country=RO}
        Api.Response journey = as("police").post("/api/cases/" + caseId + "/journey", Map.of("legs", java.util.List.of(
                Map.of("stage", "RECRUITMENT", "country", "RO"), Map.of("stage", "EXPLOITATION", "country", "GB"))));
        assertThat(journey.status()).as(journey.toString()).isEqualTo(204);
        PageSession police = signedIn("police");
        Awaitility.await().until(() -> police.get(page).body().contains("Journey recorded"));
        String policePage = police.get(page).body();
        assertThat(policePage).contains("<dd>Romania</dd>").contains("<dd>United Kingdom</dd>")
                .doesNotContain("{stage=").doesNotContain("country=RO");
        Awaitility.await().until(() -> authority.get(page).body().contains("/extension\""));
        String open = authority.get(page).body();
        assertThat(open).contains("Recovery period ends").doesNotContain("/reopening\"");
        // the timeline's facts read as fields and names, not as paths, codes and booleans
        assertThat(open).contains("<dt>Given name</dt><dd>Lan</dd>").contains("<dd>Vietnam</dd>")
                .contains("<dd>Vietnamese</dd>").doesNotContain("Person.given name").doesNotContain("<dd>true</dd>");

        assertThat(authority.post(page + "/closure", Map.of("category", "LOST_CONTACT",
                "reason", "No contact for six weeks")).statusCode()).isEqualTo(302);
        Awaitility.await().until(() -> runtime.createProcessInstanceQuery()
                .processDefinitionKey("national-referral-mechanism").processInstanceBusinessKey(caseId).count() == 0);
        String closed = authority.get(page).body();
        assertThat(closed).doesNotContain("Recovery period ends").doesNotContain("Minimum recovery period ends")
                .contains("The case is closed: the mechanism&#39;s deadlines stopped with it.")
                .contains("action=\"/cases/" + caseId + "/reopening\"").doesNotContain("/closure\"");
        assertThat(signedIn("police").get(page).body()).as("the form is the competent authority's")
                .doesNotContain("/reopening\"");
        int before = storedEvents(caseId);

        HttpResponse<String> bad = authority.post(page + "/reopening", Map.of("reason", " "));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"reopening-reason\"").contains("class=\"field-error\"");
        assertThat(storedEvents(caseId)).isEqualTo(before);

        HttpResponse<String> reopened = authority.post(page + "/reopening", Map.of("reason", "Back in contact"));
        assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(302);
        assertThat(reopened.headers().firstValue("Location").orElseThrow()).endsWith(page);
        assertThat(historyTypes(caseId)).contains("CaseReopened");
        Awaitility.await().until(() -> "RECOVERY_PERIOD".equals(stage(caseId)));
        assertThat(authority.get(page).body()).contains("Recovery period ends").doesNotContain("/reopening\"");
        // a case that is not closed is not reopened: the rule, on the page
        HttpResponse<String> again = authority.post(page + "/reopening", Map.of("reason", "Again"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("class=\"error-summary\"");
    }

    @Test
    void a_task_form_sends_only_the_chosen_outcomes_fields_and_a_second_send_is_told_the_task_is_gone() {
        String caseId = refer(referralOfAdult());
        decide(caseId, "POSITIVE", "Credible account");
        String taskId = awaitTask("shelter-provider", caseId, "shelter-placement");
        PageSession shelter = signedIn("shelter-provider");
        String page = "/cases/" + caseId;
        assertThat(shelter.get(page).body()).contains("action=\"/cases/" + caseId + "/tasks/" + taskId + "\"");
        // a shelter picked, then "Declined" chosen: the browser still sends the shelter
        Map<String, String> declined = Map.of("outcome", "DECLINED", "shelterId", "some-shelter");
        HttpResponse<String> sent = shelter.post(page + "/tasks/" + taskId, declined);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        assertThat(historyTypes(caseId)).contains("AccommodationDeclined");
        int after = storedEvents(caseId);

        // sent again (a double click, the back button): the case page says the task is no longer open
        HttpResponse<String> again = shelter.post(page + "/tasks/" + taskId, declined);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("This task is no longer open").contains("Sign out")
                .doesNotContain("This page does not exist");
        assertThat(storedEvents(caseId)).isEqualTo(after);
        // another agency's or an unknown case stays a 404
        assertThat(shelter.post("/cases/no-such-case/tasks/" + taskId, declined).statusCode()).isEqualTo(404);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.camunda.bpm.engine.RuntimeService runtime;

    @Test
    void the_case_page_links_the_decision_letter_for_the_competent_authority_only() throws Exception {
        String caseId = refer(referralOfAdult());
        decide(caseId, "POSITIVE", "Credible account");
        PageSession authority = signedIn("competent-authority");
        String page = "/cases/" + caseId;
        long decisionId = as("competent-authority").get("/api/cases/" + caseId + "/decisions").body().get(0)
                .get("decisionId").asLong();
        String link = page + "/decisions/" + decisionId + "/letter";
        assertThat(authority.get(page).body()).contains("href=\"" + link + "\"");
        assertThat(signedIn("police").get(page).body()).doesNotContain("/letter\"");
        assertThat(signedIn("police").getBytes(link).statusCode()).isEqualTo(404);

        HttpResponse<byte[]> letter = authority.getBytes(link);
        assertThat(letter.statusCode()).isEqualTo(200);
        assertThat(letter.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(letter.body())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Lan Nguyen").contains("Outcome: positive");
        }
        assertThat(historyTypes(caseId)).contains("DecisionLetterIssued");
        assertThat(authority.get(page).body()).contains("Decision letter issued");
    }

    private void decide(String caseId, String outcome, String reasons) {
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        assertThat(as("competent-authority").post("/api/tasks/" + taskId + "/claim", Map.of()).status())
                .isEqualTo(204);
        Api.Response done = as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", outcome, "reasons", reasons));
        assertThat(done.status()).as(done.toString()).isEqualTo(204);
    }

    private String stage(String caseId) {
        Api.Response view = as("police").get("/api/cases/" + caseId);
        return view.status() == 200 ? view.body().get("stage").asText() : null;
    }

    private java.util.List<String> historyTypes(String caseId) {
        java.util.List<String> types = new java.util.ArrayList<>();
        as("police").get("/api/cases/" + caseId + "/history").body()
                .forEach(e -> types.add(e.get("type").asText()));
        return types;
    }
}

package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.CaseFixtures;
import org.nrm.app.support.PlatformTest;

/**
 * The screening aid at referral (issue #17), over HTTP: the Protocol's article 3 elements (act, means, purpose) and
 * the smuggling indicators, recorded with the referral and shown with the case to the decision maker; for a child the
 * means are not needed; it decides nothing (the case goes on to its reasonable-grounds decision whatever it says).
 */
class ScreeningTest extends PlatformTest {

    private static Map<String, Object> screening(List<String> acts, List<String> means, List<String> purposes,
                                                 List<String> smuggling) {
        return Map.of("acts", acts, "means", means, "purposes", purposes, "smuggling", smuggling);
    }

    private static Map<String, Object> with(Map<String, Object> referral, Map<String, Object> screening) {
        Map<String, Object> body = new LinkedHashMap<>(referral);
        body.put("screening", screening);
        return body;
    }

    /** Refers with the screening and returns it as the competent authority (the decision maker) reads the case. */
    private JsonNode screeningSeenByTheDecisionMaker(Map<String, Object> referral) {
        String caseId = refer(referral);
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        JsonNode view = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> as("competent-authority").get("/api/cases/" + caseId), r -> r.status() == 200).body();
        assertThat(view.get("stage").asText()).as("the screening decides nothing")
                .isEqualTo("AWAITING_REASONABLE_GROUNDS");
        return view.get("screening");
    }

    @Test
    void an_adult_smuggled_without_exploitation_shows_indicators_of_smuggling() {
        JsonNode s = screeningSeenByTheDecisionMaker(with(CaseFixtures.adult(), screening(List.of("TRANSPORT"),
                List.of(), List.of(), List.of("CONSENT_TO_CROSSING", "RELATIONSHIP_ENDS_AT_BORDER",
                        "PAYMENT_FOR_PASSAGE_ONLY"))));
        assertThat(s.get("result").asText()).isEqualTo("SMUGGLING");
        assertThat(s.get("child").asBoolean()).isFalse();
        assertThat(s.get("smuggling").findValuesAsText("")).isEmpty();
        assertThat(s.get("smuggling")).hasSize(3);
        assertThat(s.get("advisory").asBoolean()).isTrue();
    }

    @Test
    void an_exploited_adult_shows_indicators_of_trafficking() {
        JsonNode s = screeningSeenByTheDecisionMaker(with(CaseFixtures.adult(), screening(List.of("RECRUITMENT",
                "TRANSPORT"), List.of("DECEPTION", "ABUSE_OF_VULNERABILITY"), List.of("FORCED_LABOUR"), List.of())));
        assertThat(s.get("result").asText()).isEqualTo("TRAFFICKING");
        assertThat(s.get("means").get(0).asText()).isEqualTo("ABUSE_OF_VULNERABILITY");
    }

    @Test
    void an_adult_who_crossed_by_consent_and_was_then_exploited_shows_both() {
        JsonNode s = screeningSeenByTheDecisionMaker(with(CaseFixtures.adult(), screening(List.of("TRANSPORT",
                "HARBOURING"), List.of("COERCION"), List.of("SEXUAL_EXPLOITATION"), List.of("CONSENT_TO_CROSSING"))));
        assertThat(s.get("result").asText()).isEqualTo("BOTH");
    }

    @Test
    void for_a_child_the_means_are_not_needed_where_an_adult_without_means_shows_neither() {
        Map<String, Object> withoutMeans = screening(List.of("TRANSPORT", "RECEIPT"), List.of(),
                List.of("SEXUAL_EXPLOITATION"), List.of());
        JsonNode child = screeningSeenByTheDecisionMaker(with(CaseFixtures.child(), withoutMeans));
        assertThat(child.get("result").asText()).isEqualTo("TRAFFICKING");
        assertThat(child.get("child").asBoolean()).isTrue();
        JsonNode adult = screeningSeenByTheDecisionMaker(with(CaseFixtures.adult(), withoutMeans));
        assertThat(adult.get("result").asText()).isEqualTo("NEITHER");
    }

    @Test
    void the_indicator_lists_are_the_jurisdictions_and_an_unknown_code_is_refused_naming_its_field() {
        JsonNode lists = as("police").get("/api/screening/indicators").body();
        assertThat(lists.get("acts").findValuesAsText("")).isEmpty();
        assertThat(lists.get("acts").toString()).contains("RECRUITMENT", "TRANSPORT", "TRANSFER", "HARBOURING",
                "RECEIPT");
        assertThat(lists.get("smuggling").toString()).contains("CONSENT_TO_CROSSING", "RELATIONSHIP_ENDS_AT_BORDER",
                "PAYMENT_FOR_PASSAGE_ONLY");
        long before = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE "
                + "'%.ReferralSubmitted'", Long.class);
        long lastReference = jdbc.queryForObject("SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM case_reference_seq", Long.class);
        Api.Response refused = as("police").post("/api/referrals", with(CaseFixtures.adult(),
                screening(List.of("TRANSPORT"), List.of("MIND_CONTROL"), List.of(), List.of())));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.body().toString()).contains("screening.means");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE "
                + "'%.ReferralSubmitted'", Long.class)).as("nothing half-applied").isEqualTo(before);
        // the refusal took no case reference: the next referral's number follows the last one's
        assertThat(jdbc.queryForObject("SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM case_reference_seq", Long.class))
                .isEqualTo(lastReference);
        Api.Response next = as("police").post("/api/referrals", CaseFixtures.adult());
        assertThat(next.status()).isEqualTo(201);
        assertThat(next.body().get("reference").asText()).endsWith(String.format("-%06d", lastReference + 1));
    }

    @Test
    void the_referral_form_records_the_screening_and_the_case_page_shows_it_beside_the_decision() {
        org.nrm.app.support.PageSession police = new org.nrm.app.support.PageSession(port);
        assertThat(police.signIn("police", "demo").statusCode()).isEqualTo(302);
        assertThat(police.get("/referrals/new").body()).contains("id=\"screening\"", "name=\"screeningMeans\"",
                "value=\"PAYMENT_FOR_PASSAGE_ONLY\"");
        List<Map.Entry<String, String>> form = new java.util.ArrayList<>(List.of(
                Map.entry("givenName", "Mai"), Map.entry("birthDate", "2003-05-10"), Map.entry("gender", "FEMALE"),
                Map.entry("citizenships", "VN"), Map.entry("languages", "vie"),
                Map.entry("exploitationTypes", "FORCED_LABOUR"), Map.entry("exploitationLocation", "DOMESTIC"),
                Map.entry("consentToReferral", "yes"), Map.entry("needsAccommodation", "no"),
                Map.entry("screeningActs", "TRANSPORT"), Map.entry("screeningSmuggling", "CONSENT_TO_CROSSING"),
                Map.entry("screeningSmuggling", "PAYMENT_FOR_PASSAGE_ONLY")));
        var done = police.post("/referrals", form);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        String caseId = done.headers().firstValue("Location").orElseThrow().replaceAll(".*/cases/", "");
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        org.nrm.app.support.PageSession authority = new org.nrm.app.support.PageSession(port);
        assertThat(authority.signIn("competent-authority", "demo").statusCode()).isEqualTo(302);
        String page = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> authority.get("/cases/" + caseId), r -> r.statusCode() == 200).body();
        assertThat(page).contains("Screening at referral", "class=\"screening-result\">Smuggling<",
                "An aid, not a decision.", "Payment for passage only");
    }

    @Test
    void a_referral_without_a_screening_shows_none() {
        String caseId = refer(CaseFixtures.adult());
        JsonNode view = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> as("police").get("/api/cases/" + caseId), r -> r.status() == 200).body();
        assertThat(view.has("screening")).isTrue();
        assertThat(view.get("screening").isNull()).isTrue();
    }
}

package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;

/**
 * Decision letters: a PDF drawn from the jurisdiction's template, addressed to the person or a child's guardian, in
 * the person's language where a translation exists (French here) and in English otherwise; issuing one is recorded
 * on the case; need to know and roles hold.
 */
class DecisionLettersTest extends PlatformTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Pdf(int status, String contentType, byte[] body) {
        String text() throws IOException {
            try (PDDocument document = Loader.loadPDF(body)) {
                return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            }
        }
    }

    @Test
    void an_adults_letter_is_in_her_language_names_her_and_the_outcome_and_is_recorded_as_issued() throws Exception {
        var referral = new HashMap<>(referralOfAdult());
        referral.put("person", Map.of("givenName", "Amina", "familyName", "Diallo", "birthDate", "1994-05-02",
                "ageUncertain", false, "gender", "FEMALE", "citizenships", List.of("SN"),
                "languages", List.of("wol", "fra")));
        String caseId = refer(referral);
        decide("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "NEGATIVE", "reasons", "Account not borne out by the evidence gathered"));
        long decisionId = onlyDecision(caseId, "REASONABLE_GROUNDS", "NEGATIVE");

        Pdf letter = letter("competent-authority", caseId, decisionId);
        assertThat(letter.status()).isEqualTo(200);
        assertThat(letter.contentType()).isEqualTo("application/pdf");
        String text = letter.text();
        assertThat(text).contains("À : Amina Diallo")
                .contains("Résultat : négatif")
                .contains("Account not borne out by the evidence gathered")
                .contains("demander le réexamen de cette décision jusqu'au")
                .doesNotContain("Outcome:");

        JsonNode issued = entries(caseId, "DecisionLetterIssued").get(0);
        assertThat(issued.get("actor").asText()).isEqualTo("competent-authority");
        assertThat(issued.get("agency").asText()).isEqualTo("competent-authority");
        assertThat(issued.get("occurredAt").asText()).isNotBlank();
        assertThat(issued.get("data").get("decisionSequence").asLong()).isEqualTo(decisionId);
        assertThat(issued.get("data").get("decision").asText()).isEqualTo("REASONABLE_GROUNDS");
        assertThat(issued.get("data").get("addressee").asText()).isEqualTo("PERSON");
        assertThat(issued.get("data").get("language").asText()).isEqualTo("fra");
        String stored = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype LIKE '%DecisionLetterIssued'", String.class, caseId);
        assertThat(stored).doesNotContain("Amina").doesNotContain("Diallo").doesNotContain("borne out");
    }

    @Test
    void a_childs_letter_goes_to_the_guardian_in_english_when_there_is_no_translation() throws Exception {
        var child = new HashMap<>(referralOfAdult());
        child.put("person", Map.of("givenName", "Ion", "familyName", "Rusu", "gender", "MALE",
                "birthDate", "2013-04-04", "ageUncertain", false, "citizenships", List.of("RO"),
                "languages", List.of("ron")));
        child.put("consentToReferral", false);
        String caseId = refer(child);
        decide("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account of forced begging"));
        long decisionId = onlyDecision(caseId, "REASONABLE_GROUNDS", "POSITIVE");
        if (entries(caseId, "GuardianAppointed").isEmpty()) {
            Api.Response refused = as("competent-authority").get(
                    "/api/cases/" + caseId + "/decisions/" + decisionId + "/letter");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.body().get("rule").asText()).isEqualTo("no-guardian");
            assertThat(entries(caseId, "DecisionLetterIssued")).isEmpty();
            decide("child-services", caseId, "guardian-appointment",
                    Map.of("outcome", "APPOINTED", "guardianName", "Ana Popescu"));
        }

        Pdf letter = letter("competent-authority", caseId, decisionId);
        assertThat(letter.status()).isEqualTo(200);
        String text = letter.text();
        assertThat(text).contains("To the guardian: Ana Popescu")
                .contains("Concerning the child: Ion Rusu")
                .contains("Outcome: positive")
                .contains("Credible account of forced begging")
                .contains("Dear guardian,");
        JsonNode issued = entries(caseId, "DecisionLetterIssued").get(0);
        assertThat(issued.get("data").get("addressee").asText()).isEqualTo("GUARDIAN");
        assertThat(issued.get("data").get("language").asText()).isEqualTo("eng");
    }

    @Test
    void an_uninvolved_agency_is_answered_404_on_the_decisions_and_other_roles_403_on_a_letter_and_nothing_is_recorded() throws Exception {
        String caseId = refer(referralOfAdult());
        decide("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible"));
        long decisionId = onlyDecision(caseId, "REASONABLE_GROUNDS", "POSITIVE");
        String path = "/api/cases/" + caseId + "/decisions/" + decisionId + "/letter";

        // a letter is the competent authority's: any other role is refused whatever the case (the refusal says
        // nothing of the case); the decisions are listed only to an involved agency
        assertThat(as("labour-inspectorate").get(path).status()).isEqualTo(403);
        assertThat(as("labour-inspectorate").get("/api/cases/" + caseId + "/decisions").status()).isEqualTo(404);
        Api.Response police = as("police").get(path);
        assertThat(police.status()).as(police.toString()).isEqualTo(403);
        assertThat(police.isProblem()).isTrue();
        assertThat(as("police").get("/api/cases/" + caseId + "/decisions").status()).isEqualTo(200);
        assertThat(as("rapporteur").get(path).status()).isEqualTo(403);
        assertThat(as("admin").get(path).status()).isEqualTo(403);
        assertThat(anonymous().get(path).status()).isEqualTo(401);
        // not a decision (the referral is the case's first event), and not a number
        assertThat(as("competent-authority").get("/api/cases/" + caseId + "/decisions/0/letter").status())
                .isEqualTo(404);
        assertThat(as("competent-authority").get("/api/cases/" + caseId + "/decisions/x/letter").status())
                .isEqualTo(404);
        assertThat(entries(caseId, "DecisionLetterIssued")).isEmpty();

        assertThat(letter("competent-authority", caseId, decisionId).status()).isEqualTo(200);
        assertThat(entries(caseId, "DecisionLetterIssued")).hasSize(1);
    }

    private void decide(String user, String caseId, String key, Map<String, Object> body) {
        String taskId = awaitTask(user, caseId, key);
        assertThat(as(user).post("/api/tasks/" + taskId + "/claim", Map.of()).status()).isEqualTo(204);
        Api.Response response = as(user).post("/api/tasks/" + taskId + "/complete", body);
        assertThat(response.status()).as(key + ": " + response).isEqualTo(204);
    }

    private long onlyDecision(String caseId, String decision, String outcome) {
        JsonNode decisions = as("competent-authority").get("/api/cases/" + caseId + "/decisions").body();
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).get("decision").asText()).isEqualTo(decision);
        assertThat(decisions.get(0).get("outcome").asText()).isEqualTo(outcome);
        return decisions.get(0).get("decisionId").asLong();
    }

    private List<JsonNode> entries(String caseId, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode entry : as("competent-authority").get("/api/cases/" + caseId + "/history").body()) {
            if (type.equals(entry.get("type").asText())) {
                out.add(entry);
            }
        }
        return out;
    }

    private Pdf letter(String user, String caseId, long decisionId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/cases/" + caseId
                        + "/decisions/" + decisionId + "/letter"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Pdf(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }
}

package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;

/**
 * An agency that is not involved in a case can neither act on it nor learn whether it exists: every step on it is
 * answered {@code 404}, the same answer as for a case id that does not exist, before any rule of the case is checked.
 * A support provider is no exception.
 */
class UninvolvedAgencyTest extends PlatformTest {

    private static final Map<String, Object> RECONSIDERATION = Map.of("ground", "NEW_EVIDENCE",
            "explanation", "A new witness statement");

    @Test
    void an_uninvolved_support_provider_cannot_request_a_reconsideration_nor_read_the_case_after_trying() {
        String caseId = negativelyDecidedCase();
        for (String outsider : new String[] {"ngo-outreach", "ngo-outreach-lead", "shelter-provider"}) {
            assertThat(as(outsider).get("/api/cases/" + caseId).status()).isEqualTo(404);

            Api.Response request = as(outsider).post("/api/cases/" + caseId + "/reconsideration", RECONSIDERATION);

            assertThat(request.status()).as(outsider + ": " + request).isEqualTo(404);
            assertThat(request.isProblem()).isTrue();
            assertThat(as(outsider).get("/api/cases/" + caseId).status()).isEqualTo(404);
            assertThat(as(outsider).get("/api/cases/" + caseId + "/history").status()).isEqualTo(404);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE '%ReconsiderationRequested'", Integer.class, caseId)).isZero();
        assertThat(jdbc.queryForList("SELECT agency FROM case_involvement WHERE case_id = ?", String.class, caseId))
                .doesNotContain("ngo-outreach", "shelter-provider");

        // whoever is involved still can: the referring police
        assertThat(as("police").post("/api/cases/" + caseId + "/reconsideration", RECONSIDERATION).status())
                .isEqualTo(204);
    }

    @Test
    void an_uninvolved_agency_gets_the_same_404_for_an_existing_case_as_for_an_unknown_one() {
        String open = refer(referralOfAdult());
        awaitTask("competent-authority", open, "reasonable-grounds-decision");
        String unknown = UUID.randomUUID().toString();
        record Step(String user, String path, Map<String, Object> body) {
        }
        for (Step step : new Step[] {
                new Step("ngo-outreach", "/reconsideration", RECONSIDERATION),
                new Step("shelter-provider", "/reconsideration", RECONSIDERATION),
                new Step("border-police", "/reconsideration", RECONSIDERATION),
                new Step("border-police", "/consent", Map.of("person", Map.of("givenName", "A", "gender", "FEMALE")))}) {
            Api.Response existing = as(step.user()).post("/api/cases/" + open + step.path(), step.body());
            Api.Response missing = as(step.user()).post("/api/cases/" + unknown + step.path(), step.body());

            assertThat(existing.status()).as(step + ": " + existing).isEqualTo(404);
            assertThat(missing.status()).as(step + ": " + missing).isEqualTo(404);
            assertThat(shape(existing.body(), open)).isEqualTo(shape(missing.body(), unknown));
        }
    }

    /** The problem without the case id and the request path, which differ by construction. */
    private static String shape(JsonNode problem, String caseId) {
        return problem.get("title").asText() + " | " + problem.get("detail").asText().replace(caseId, "<id>");
    }

    private String negativelyDecidedCase() {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        assertThat(as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "NEGATIVE", "reasons", "No indicator confirmed")).status()).isEqualTo(204);
        return caseId;
    }
}

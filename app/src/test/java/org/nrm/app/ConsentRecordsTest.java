package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Consent as a record over HTTP: given for scopes by the person, taken by a user of an agency, shown in the case view,
 * withdrawn; a withdrawal stops what it covered (an agency's access to the person's data, an adult's referral). Each
 * endpoint with its refusals: 400 naming the field, 403 for a role that does not take consent, 404 for an agency not
 * involved, 409 naming the rule.
 */
class ConsentRecordsTest extends PlatformTest {

    @Autowired
    RuntimeService runtime;

    private static void assertProblem(Api.Response response, int status, String key, String value) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.body().get(key).asText()).as(response.toString()).isEqualTo(value);
    }

    private void decide(String user, String caseId, String key, Map<String, Object> body) {
        String taskId = awaitTask(user, caseId, key);
        assertThat(as(user).post("/api/tasks/" + taskId + "/claim", Map.of()).status()).isEqualTo(204);
        Api.Response response = as(user).post("/api/tasks/" + taskId + "/complete", body);
        assertThat(response.status()).as(key + ": " + response).isEqualTo(204);
    }

    private List<JsonNode> records(String user, String caseId) {
        List<JsonNode> records = new ArrayList<>();
        as(user).get("/api/cases/" + caseId).body().get("consents").get("records").forEach(records::add);
        return records;
    }

    private static JsonNode record(List<JsonNode> records, String scope, String agency) {
        return records.stream().filter(r -> r.get("scope").asText().equals(scope)
                        && (agency == null ? r.get("agency").isNull() : agency.equals(r.get("agency").asText())))
                .findFirst().orElseThrow(() -> new AssertionError("no " + scope + "/" + agency + " in " + records));
    }

    @Test
    void consent_is_recorded_with_its_scopes_who_took_it_and_when_and_shown_in_the_case_view() {
        String caseId = refer(referralOfAdult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");

        // the referral's own consent reads as a record of consent to referral, taken by the referring agency
        JsonNode referral = record(records("police", caseId), "REFERRAL", null);
        assertThat(referral.get("takenByAgency").asText()).isEqualTo("police");
        assertThat(referral.get("inForce").asBoolean()).isTrue();

        Api.Response given = as("police").post("/api/cases/" + caseId + "/consents", Map.of("scopes",
                List.of("DATA_SHARING", "HANDOVER_ABROAD"), "agencies", List.of("competent-authority", "shelter-provider")));
        assertThat(given.status()).as(given.toString()).isEqualTo(204);

        List<JsonNode> records = records("competent-authority", caseId);
        JsonNode sharing = record(records, "DATA_SHARING", "shelter-provider");
        assertThat(sharing.get("takenBy").asText()).isEqualTo("police");
        assertThat(sharing.get("takenByAgency").asText()).isEqualTo("police");
        assertThat(sharing.get("givenAt").asText()).isNotBlank();
        assertThat(sharing.get("withdrawnAt").isNull()).isTrue();
        assertThat(record(records, "DATA_SHARING", "competent-authority").get("inForce").asBoolean()).isTrue();
        assertThat(record(records, "HANDOVER_ABROAD", null).get("inForce").asBoolean()).isTrue();

        // refusals: 400 naming the field, 403 by role, 404 when not involved, 409 naming the rule
        assertProblem(as("police").post("/api/cases/" + caseId + "/consents", Map.of("scopes", List.of())),
                400, "field", "scopes");
        assertProblem(as("police").post("/api/cases/" + caseId + "/consents", Map.of("scopes",
                List.of("DATA_SHARING"), "agencies", List.of("no-such-agency"))), 400, "field", "agencies[0]");
        assertProblem(as("police").post("/api/cases/" + caseId + "/consents/EVERYTHING/withdrawal", Map.of()),
                400, "field", "scope");
        assertThat(as("immigration-service").post("/api/cases/" + caseId + "/consents",
                Map.of("scopes", List.of("HANDOVER_ABROAD"))).status()).isEqualTo(403);
        assertThat(as("ngo-outreach").post("/api/cases/" + caseId + "/consents",
                Map.of("scopes", List.of("HANDOVER_ABROAD"))).status()).isEqualTo(404);
        assertThat(as("police").post("/api/cases/no-such-case/consents",
                Map.of("scopes", List.of("HANDOVER_ABROAD"))).status()).isEqualTo(404);
        assertProblem(as("police").post("/api/cases/" + caseId + "/consents", Map.of("scopes",
                List.of("DATA_SHARING"), "agencies", List.of("shelter-provider"))), 409, "rule", "consent-already-in-force");
        assertProblem(as("police").post("/api/cases/" + caseId + "/consents", Map.of("scopes",
                List.of("HANDOVER_ABROAD"), "agencies", List.of("shelter-provider"))), 409, "rule",
                "sharing-agencies-without-data-sharing");

        // withdrawal of the handover: recorded with who and when; again: 409
        assertThat(as("competent-authority").post("/api/cases/" + caseId + "/consents/handover-abroad/withdrawal",
                Map.of("reason", "Afraid of going back")).status()).isEqualTo(204);
        JsonNode handover = record(records("police", caseId), "HANDOVER_ABROAD", null);
        assertThat(handover.get("inForce").asBoolean()).isFalse();
        assertThat(handover.get("withdrawnByAgency").asText()).isEqualTo("competent-authority");
        assertProblem(as("police").post("/api/cases/" + caseId + "/consents/HANDOVER_ABROAD/withdrawal", Map.of()),
                409, "rule", "consent-already-withdrawn");
        assertProblem(as("police").post("/api/cases/" + caseId + "/consents/DATA_SHARING/withdrawal",
                Map.of("agencies", List.of("police"))), 409, "rule", "consent-never-given");
        // the reason is personal data: not in clear in the event store
        String payloads = String.join("", jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype LIKE '%ConsentWithdrawn'", String.class, caseId));
        assertThat(payloads).isNotBlank().doesNotContain("Afraid of going back");
    }

    @Test
    void an_agency_the_person_withdrew_data_sharing_from_reads_the_persons_data_withheld_and_the_others_still_read_it() {
        String caseId = refer(referralOfAdult());
        decide("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account"));
        awaitTask("immigration-service", caseId, "residence-permit-decision");
        assertThat(as("police").post("/api/cases/" + caseId + "/consents", Map.of("scopes", List.of("DATA_SHARING"),
                "agencies", List.of("immigration-service", "competent-authority"))).status()).isEqualTo(204);
        assertThat(as("immigration-service").get("/api/cases/" + caseId + "/history").body().toString())
                .contains("Nguyen");

        assertThat(as("police").post("/api/cases/" + caseId + "/consents/DATA_SHARING/withdrawal",
                Map.of("agencies", List.of("immigration-service"))).status()).isEqualTo(204);

        String withheld = as("immigration-service").get("/api/cases/" + caseId + "/history").body().toString();
        assertThat(withheld).contains("[pseudonymised]").doesNotContain("Nguyen").doesNotContain("nail bar");
        // the agency still sees the case's facts and keeps its task
        assertThat(as("immigration-service").get("/api/cases/" + caseId).status()).isEqualTo(200);
        assertThat(as("competent-authority").get("/api/cases/" + caseId + "/history").body().toString())
                .contains("Nguyen");
        assertThat(as("police").get("/api/cases/" + caseId + "/history").body().toString()).contains("Nguyen");

        // consent given again: the agency reads the data again
        assertThat(as("police").post("/api/cases/" + caseId + "/consents", Map.of("scopes", List.of("DATA_SHARING"),
                "agencies", List.of("immigration-service"))).status()).isEqualTo(204);
        assertThat(as("immigration-service").get("/api/cases/" + caseId + "/history").body().toString())
                .contains("Nguyen");
    }

    /**
     * An adult who withdraws consent to the referral leaves the mechanism: the case is closed as withdrawn, its process
     * ends, and it is reopened only after consent is given again.
     */
    @Test
    void an_adult_withdrawing_consent_to_referral_closes_the_case_as_withdrawn() {
        String caseId = refer(referralOfAdult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");

        assertThat(as("police").post("/api/cases/" + caseId + "/consents/REFERRAL/withdrawal",
                Map.of("reason", "Does not want to go on")).status()).isEqualTo(204);

        JsonNode view = as("police").get("/api/cases/" + caseId).body();
        assertThat(view.get("stage").asText()).isEqualTo("CLOSED");
        assertThat(view.get("closureCategory").asText()).isEqualTo("WITHDRAWN");
        assertThat(record(records("police", caseId), "REFERRAL", null).get("inForce").asBoolean()).isFalse();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
                .processDefinitionKey("national-referral-mechanism").processInstanceBusinessKey(caseId).count() == 0);
        assertThat(as("competent-authority").get("/api/tasks?caseId=" + caseId).body().size()).isZero();

        assertProblem(as("competent-authority").post("/api/cases/" + caseId + "/reopening",
                Map.of("reason", "Back in contact")), 409, "rule", "consent-to-referral-withdrawn");
        assertProblem(as("police").post("/api/cases/" + caseId + "/consents/REFERRAL/withdrawal", Map.of()),
                409, "rule", "case-closed");
        assertThat(as("police").post("/api/cases/" + caseId + "/consents", Map.of("scopes", List.of("REFERRAL")))
                .status()).isEqualTo(204);
        assertThat(as("competent-authority").post("/api/cases/" + caseId + "/reopening",
                Map.of("reason", "Consents again")).status()).isEqualTo(204);
        assertThat(awaitTask("competent-authority", caseId, "reasonable-grounds-decision")).isNotBlank();
    }

    /** Item 3: an adult found after the reasonable-grounds decision, referred without consent, is asked for it. */
    @Test
    void a_child_referred_without_consent_and_assessed_as_an_adult_after_the_reasonable_grounds_decision_is_asked_for_consent() {
        var body = new HashMap<>(referralOfAdult());
        body.put("person", Map.of("givenName", "Ion", "gender", "MALE", "birthDate", "2009-04-04",
                "ageUncertain", true, "citizenships", List.of("RO")));
        body.put("consentToReferral", false);
        String caseId = refer(body);
        decide("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account"));
        assertThat(as("police").get("/api/cases/" + caseId).body().get("consents")
                .get("referralConsentRequested").asBoolean()).isFalse();
        decide("child-services", caseId, "age-assessment", Map.of("outcome", "ADULT"));

        JsonNode view = as("police").get("/api/cases/" + caseId).body();
        assertThat(view.get("consents").get("referralConsentRequested").asBoolean()).isTrue();
        assertThat(view.get("stage").asText()).isEqualTo("RECOVERY_PERIOD");
        assertThat(view.get("consents").get("records").findValuesAsText("scope")).doesNotContain("REFERRAL");
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<String> asked = new ArrayList<>();
            as("police").get("/api/notifications").body().forEach(n -> {
                if (caseId.equals(n.path("caseId").asText()) && "consent-required".equals(n.path("kind").asText())) {
                    asked.add(n.path("kind").asText());
                }
            });
            assertThat(asked).isNotEmpty();
        });

        assertThat(as("police").post("/api/cases/" + caseId + "/consents", Map.of("scopes", List.of("REFERRAL")))
                .status()).isEqualTo(204);
        view = as("police").get("/api/cases/" + caseId).body();
        assertThat(view.get("consents").get("referralConsentRequested").asBoolean()).isFalse();
        assertThat(record(records("police", caseId), "REFERRAL", null).get("takenByAgency").asText())
                .isEqualTo("police");
    }
}

package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.nrm.workflow.CaseProcesses;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The steps on a case that no queue holds, over HTTP: each with its success, and its refusals (wrong role 403, a case
 * the agency is not involved in 404, bad input 400 naming the field, a step the case's state does not allow 409 naming
 * the rule), and what the mechanism does with it.
 */
class CaseStepsTest extends PlatformTest {

    @Autowired
    RuntimeService runtime;

    @Autowired
    MeterRegistry meters;

    @Autowired
    CaseProcesses processes;

    private void decide(String user, String caseId, String key, Map<String, Object> body) {
        String taskId = awaitTask(user, caseId, key);
        assertThat(as(user).post("/api/tasks/" + taskId + "/claim", Map.of()).status()).isEqualTo(204);
        Api.Response response = as(user).post("/api/tasks/" + taskId + "/complete", body);
        assertThat(response.status()).as(key + ": " + response).isEqualTo(204);
    }

    private String positiveReasonableGrounds() {
        String caseId = refer(referralOfAdult());
        decide("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account"));
        return caseId;
    }

    /** A permit granted for {@code validFor} from the moment of the grant. */
    private String grantedPermit(Duration validFor) {
        String caseId = positiveReasonableGrounds();
        String taskId = awaitTask("immigration-service", caseId, "residence-permit-decision");
        assertThat(as("immigration-service").post("/api/tasks/" + taskId + "/claim", Map.of()).status()).isEqualTo(204);
        Api.Response granted = as("immigration-service").post("/api/tasks/" + taskId + "/complete", Map.of("outcome",
                "GRANTED", "ground", "RECOVERY_NEEDS", "validUntil", Instant.now().plus(validFor).toString()));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(204);
        return caseId;
    }

    private String referChild() {
        var child = new HashMap<>(referralOfAdult());
        child.put("person", Map.of("givenName", "Ion", "gender", "MALE", "birthDate", "2013-04-04",
                "ageUncertain", false, "citizenships", List.of("RO")));
        child.put("consentToReferral", false);
        return refer(child);
    }

    private boolean processRunning(String caseId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("national-referral-mechanism")
                .processInstanceBusinessKey(caseId).count() > 0;
    }

    private List<String> historyTypes(String caseId) {
        List<String> types = new ArrayList<>();
        as("competent-authority").get("/api/cases/" + caseId + "/history").body()
                .forEach(entry -> types.add(entry.get("type").asText()));
        return types;
    }

    private JsonNode historyEntry(String user, String caseId, String type) {
        for (JsonNode entry : as(user).get("/api/cases/" + caseId + "/history").body()) {
            if (type.equals(entry.get("type").asText())) {
                return entry;
            }
        }
        throw new AssertionError("no " + type + " in the history of " + caseId);
    }

    private static void assertProblem(Api.Response response, int status, String key, String value) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.body().get(key).asText()).as(response.toString()).isEqualTo(value);
    }

    @Test
    void a_closed_case_is_reopened_where_it_stood_and_its_reasonable_grounds_decision_is_due_again() {
        String caseId = refer(referralOfAdult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        assertProblem(as("competent-authority").post("/api/cases/" + caseId + "/reopening", Map.of("reason", "Back")),
                409, "rule", "case-not-closed");
        assertThat(as("competent-authority").post("/api/cases/" + caseId + "/closure",
                Map.of("category", "LOST_CONTACT", "reason", "No contact")).status()).isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !processRunning(caseId));

        assertProblem(as("competent-authority").post("/api/cases/" + caseId + "/reopening", Map.of()),
                400, "field", "reason");
        assertThat(as("police").post("/api/cases/" + caseId + "/reopening", Map.of("reason", "Back")).status())
                .isEqualTo(403);
        assertThat(as("competent-authority").post("/api/cases/no-such-case/reopening", Map.of("reason", "Back"))
                .status()).isEqualTo(404);

        Api.Response reopened = as("competent-authority").post("/api/cases/" + caseId + "/reopening",
                Map.of("reason", "Person back in contact with the outreach team"));
        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(204);

        String rg = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        assertThat(rg).isNotBlank();
        // the case shows the deadline the reopening set, the one its task is due at (not the referral's)
        java.time.Instant taskDue = null;
        for (JsonNode task : as("competent-authority").get("/api/tasks?caseId=" + caseId).body()) {
            if (task.get("taskId").asText().equals(rg)) {
                taskDue = java.time.Instant.parse(task.get("dueAt").asText());
            }
        }
        assertThat(taskDue).isNotNull();
        java.time.Instant due = taskDue;
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(java.time.Instant.parse(
                as("competent-authority").get("/api/cases/" + caseId).body().get("deadlines")
                        .get("reasonableGroundsDueAt").asText()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                .isEqualTo(due));
        JsonNode view = as("competent-authority").get("/api/cases/" + caseId).body();
        assertThat(view.get("stage").asText()).isEqualTo("AWAITING_REASONABLE_GROUNDS");
        assertThat(view.get("closedAt").isNull()).isTrue();
        JsonNode entry = historyEntry("competent-authority", caseId, "CaseReopened");
        assertThat(entry.get("agency").asText()).isEqualTo("competent-authority");
        assertThat(entry.get("data").get("resumeAt").asText()).isEqualTo("REASONABLE_GROUNDS_DECISION");
        assertThat(entry.get("data").get("reason").toString()).contains("Person back in contact");
        assertThat(historyEntry("rapporteur", caseId, "CaseReopened").get("data").get("reason").asText())
                .isEqualTo("[pseudonymised]");
        assertThat(processRunning(caseId)).isTrue();

        decide("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible"));
        Awaitility.await().until(() -> as("competent-authority").get("/api/cases/" + caseId).body()
                .get("stage").asText().equals("RECOVERY_PERIOD"));
    }

    @Test
    void a_granted_permit_is_renewed_and_revoked_by_the_immigration_service() {
        String caseId = grantedPermit(Duration.ofDays(400));
        String path = "/api/cases/" + caseId + "/residence-permit/";

        assertProblem(as("immigration-service").post(path + "renewal", Map.of("validUntil", "next spring")),
                400, "field", "validUntil");
        assertProblem(as("immigration-service").post(path + "renewal", Map.of()), 400, "field", "validUntil");
        assertProblem(as("immigration-service").post(path + "renewal",
                Map.of("validUntil", Instant.now().plus(100, ChronoUnit.DAYS).toString())), 409, "rule", "renewal-not-later");
        assertThat(as("police").post(path + "renewal", Map.of("validUntil", "2030-01-01")).status()).isEqualTo(403);
        String other = refer(referralOfAdult());
        assertThat(as("immigration-service").post("/api/cases/" + other + "/residence-permit/renewal",
                Map.of("validUntil", "2030-01-01")).status()).isEqualTo(404);

        Instant renewedUntil = Instant.now().plus(800, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        assertThat(as("immigration-service").post(path + "renewal", Map.of("validUntil", renewedUntil.toString()))
                .status()).isEqualTo(204);
        Awaitility.await().until(() -> renewedUntil.toString().equals(
                as("immigration-service").get("/api/cases/" + caseId).body().get("deadlines").get("permitValidUntil")
                        .asText().replace(".000Z", "Z")));

        assertProblem(as("immigration-service").post(path + "revocation", Map.of("reasons", " ")),
                400, "field", "reasons");
        assertThat(as("competent-authority").post(path + "revocation", Map.of("reasons", "Fraud")).status())
                .isEqualTo(403);
        assertThat(as("immigration-service").post(path + "revocation",
                Map.of("reasons", "Documents found to be forged")).status()).isEqualTo(204);
        assertThat(as("immigration-service").get("/api/cases/" + caseId).body().get("permitStatus").asText())
                .isEqualTo("REVOKED");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processes.permitInForce(caseId).isEmpty());
        assertProblem(as("immigration-service").post(path + "renewal", Map.of("validUntil", "2031-01-01")),
                409, "rule", "no-permit-in-force");
        assertProblem(as("immigration-service").post(path + "revocation", Map.of("reasons", "Again")),
                409, "rule", "no-permit-in-force");
    }

    @Test
    void a_permit_not_renewed_expires_at_its_end_and_the_immigration_services_lead_is_told_of_the_lapse() {
        Counter breaches = meters.counter("nrm.deadline.breaches", "agency", "immigration-service",
                "task", "residence-permit-renewal");
        double before = breaches.count();
        String caseId = grantedPermit(Duration.ofSeconds(3));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> as("immigration-service")
                .get("/api/cases/" + caseId).body().get("permitStatus").asText().equals("EXPIRED"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> historyTypes(caseId).contains("DeadlineBreached"));
        JsonNode breach = historyEntry("competent-authority", caseId, "DeadlineBreached");
        assertThat(breach.get("data").get("taskKey").asText()).isEqualTo("residence-permit-renewal");
        assertThat(historyEntry("competent-authority", caseId, "ResidencePermitExpired").get("agency").asText())
                .isEqualTo("mechanism");
        assertThat(breaches.count()).isEqualTo(before + 1);
        assertThat(as("immigration-service-lead").get("/api/notifications").body().findValuesAsText("caseId"))
                .contains(caseId);
        assertThat(as("immigration-service").get("/api/notifications").body().findValuesAsText("kind"))
                .contains("permit-ending");
        Awaitility.await().until(() -> processes.permitInForce(caseId).isEmpty());
        assertProblem(as("immigration-service").post("/api/cases/" + caseId + "/residence-permit/renewal",
                Map.of("validUntil", "2031-01-01")), 409, "rule", "no-permit-in-force");
    }

    @Test
    void child_services_replace_a_childs_guardian_on_a_ground_with_a_reason() {
        String caseId = referChild();
        String path = "/api/cases/" + caseId + "/guardian/replacement";
        Map<String, Object> replacement = Map.of("guardianName", "Maria Ionescu", "ground", "CONFLICT_OF_INTEREST",
                "reason", "The guardian is related to the recruiter");
        awaitTask("child-services", caseId, "guardian-appointment");
        assertProblem(as("child-services").post(path, replacement), 409, "rule", "no-guardian");
        decide("child-services", caseId, "guardian-appointment", Map.of("outcome", "APPOINTED",
                "guardianName", "Ana Popescu"));

        assertProblem(as("child-services").post(path, Map.of("guardianName", "Maria Ionescu", "reason", "x")),
                400, "field", "ground");
        assertProblem(as("child-services").post(path, Map.of("guardianName", "Maria Ionescu", "ground", "SOMETIMES",
                "reason", "x")), 400, "field", "ground");
        assertThat(as("police").post(path, replacement).status()).isEqualTo(403);
        String adult = refer(referralOfAdult());
        assertThat(as("child-services").post("/api/cases/" + adult + "/guardian/replacement", replacement).status())
                .isEqualTo(404);

        assertThat(as("child-services").post(path, replacement).status()).isEqualTo(204);
        JsonNode entry = historyEntry("child-services", caseId, "GuardianReplaced");
        assertThat(entry.get("data").get("ground").asText()).isEqualTo("CONFLICT_OF_INTEREST");
        assertThat(entry.get("data").toString()).contains("Maria Ionescu", "related to the recruiter");
        assertThat(as("child-services").get("/api/cases/" + caseId).body().get("identification")
                .get("guardianReplacements").asInt()).isEqualTo(1);
        String stored = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype LIKE '%GuardianReplaced'", String.class, caseId);
        assertThat(stored).doesNotContain("Maria Ionescu", "recruiter");
    }

    @Test
    void the_competent_authority_disqualifies_a_protected_person_and_the_conclusive_decision_falls_due() {
        String caseId = refer(referralOfAdult());
        String path = "/api/cases/" + caseId + "/disqualification";
        Map<String, Object> body = Map.of("ground", "PUBLIC_ORDER", "reasons", "Serious offence, conviction on file");
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        assertProblem(as("competent-authority").post(path, body), 409, "rule", "no-protection");
        decide("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account"));

        assertProblem(as("competent-authority").post(path, Map.of("ground", "PUBLIC_ORDER")), 400, "field", "reasons");
        assertThat(as("police").post(path, body).status()).isEqualTo(403);
        assertThat(as("competent-authority").post("/api/cases/no-such-case/disqualification", body).status())
                .isEqualTo(404);

        assertThat(as("competent-authority").post(path, body).status()).isEqualTo(204);
        JsonNode view = as("competent-authority").get("/api/cases/" + caseId).body();
        assertThat(view.get("disqualified").asBoolean()).isTrue();
        assertThat(view.get("stage").asText()).isEqualTo("AWAITING_CONCLUSIVE_GROUNDS");
        assertThat(awaitTask("competent-authority", caseId, "conclusive-grounds-decision")).isNotBlank();
        assertProblem(as("competent-authority").post(path, Map.of("ground", "BAD_FAITH", "reasons", "Again")),
                409, "rule", "already-disqualified");
    }

    @Test
    void move_on_support_is_ended_only_while_it_runs() {
        // a support provider not involved in the case is answered as if the case did not exist
        String referred = refer(referralOfAdult());
        assertThat(as("shelter-provider").post("/api/cases/" + referred + "/move-on-support/end",
                Map.of("reason", "Moved")).status()).isEqualTo(404);

        // the shelter provider is involved once the placement is its task; move-on support has not begun yet
        String caseId = positiveReasonableGrounds();
        awaitTask("shelter-provider", caseId, "shelter-placement");
        String path = "/api/cases/" + caseId + "/move-on-support/end";
        assertProblem(as("shelter-provider").post(path, Map.of("reason", "Moved into her own flat")),
                409, "rule", "no-move-on-support");
        assertProblem(as("shelter-provider").post(path, Map.of("reason", "")), 400, "field", "reason");
        assertThat(as("ngo-outreach").post(path, Map.of("reason", "Moved")).status()).isEqualTo(404);
        assertThat(as("police").post(path, Map.of("reason", "Moved")).status()).isEqualTo(403);
        assertThat(as("competent-authority").post(path, Map.of("reason", "Moved")).status()).isEqualTo(403);
    }

    @Test
    void an_identification_the_recorded_circumstances_disagree_with_is_refused_until_they_are_corrected_with_it() {
        var body = new HashMap<>(referralOfAdult());
        body.put("exploitationTypes", List.of("FORCED_LABOUR"));
        body.put("exploitationLocation", "OVERSEAS");
        body.put("exploitationDetails", Map.of("countriesOfExploitation", List.of("DE"),
                "labourSectors", List.of("AGRICULTURE")));
        String caseId = refer(body);
        String path = "/api/cases/" + caseId + "/identification";
        Map<String, Object> domestic = Map.of("exploitationTypes", List.of("FORCED_LABOUR"),
                "exploitationLocation", "DOMESTIC", "indicators", List.of("THREATS"));

        Api.Response refused = as("police").post(path, domestic);
        assertProblem(refused, 409, "rule", "exploitation-details-disagree");
        assertThat(refused.body().get("detail").asText()).contains("exploitationDetails.countriesOfExploitation");
        var withCountries = new HashMap<>(domestic);
        withCountries.put("exploitationDetails", Map.of("countriesOfExploitation", List.of("DE")));
        assertProblem(as("police").post(path, withCountries), 400, "field",
                "exploitationDetails.countriesOfExploitation");
        var badCode = new HashMap<>(domestic);
        badCode.put("exploitationLocation", "OVERSEAS");
        badCode.put("exploitationDetails", Map.of("countriesOfExploitation", List.of("Germany")));
        assertThat(as("police").post(path, badCode).status()).isEqualTo(400);
        // a null among the codes is named, never a 500 (found from outside: List.copyOf in the check)
        for (String list : List.of("countriesOfExploitation", "labourSectors", "recruitmentMethods",
                "recruiterRelations", "sexualExploitationForms")) {
            var withNull = new HashMap<>(domestic);
            var codes = new java.util.ArrayList<Object>();
            codes.add(null);
            withNull.put("exploitationDetails", Map.of(list, codes));
            Api.Response named = as("police").post(path, withNull);
            assertThat(named.status()).as(list + ": " + named).isEqualTo(400);
            // a list's element by its index, a set (no order) by the set's name: always a JSON path, never "x[]"
            String field = "exploitationDetails." + list + (list.equals("countriesOfExploitation") ? "[0]" : "");
            assertThat(named.body().get("field").asText()).as(list).isEqualTo(field);
            assertThat(named.body().get("errors").get(0).get("message").asText()).as(list)
                    .isEqualTo(list.equals("countriesOfExploitation") ? "must not be null" : "must not hold null");
            var referral = new HashMap<>(body);
            referral.put("exploitationDetails", Map.of(list, codes));
            assertThat(as("police").post("/api/referrals", referral).status()).as("referral " + list).isEqualTo(400);
        }
        var nullType = new HashMap<>(withCountries);
        var types = new java.util.ArrayList<Object>(List.of("FORCED_LABOUR"));
        types.add(null);
        nullType.put("exploitationTypes", types);
        nullType.put("exploitationDetails", Map.of("labourSectors", List.of("AGRICULTURE")));
        assertProblem(as("police").post(path, nullType), 400, "field", "exploitationTypes");
        JsonNode unchanged = as("police").get("/api/cases/" + caseId).body();
        assertThat(unchanged.get("identification").get("exploitationLocation").asText()).isEqualTo("OVERSEAS");
        assertThat(unchanged.get("exploitationDetails").get("countriesOfExploitation").toString()).contains("DE");

        var corrected = new HashMap<>(domestic);
        corrected.put("exploitationDetails", Map.of("labourSectors", List.of("AGRICULTURE", "CONSTRUCTION")));
        assertThat(as("police").post(path, corrected).status()).isEqualTo(204);
        JsonNode now = as("police").get("/api/cases/" + caseId).body();
        assertThat(now.get("identification").get("exploitationLocation").asText()).isEqualTo("DOMESTIC");
        assertThat(now.get("exploitationDetails").path("countriesOfExploitation").toString()).doesNotContain("DE");
        assertThat(now.get("exploitationDetails").get("labourSectors").toString()).contains("AGRICULTURE",
                "CONSTRUCTION");
        // an update without details keeps the corrected ones, which agree with it
        assertThat(as("police").post(path, domestic).status()).isEqualTo(204);
        assertThat(as("police").get("/api/cases/" + caseId).body().get("exploitationDetails").get("labourSectors")
                .toString()).contains("CONSTRUCTION");
    }

    @Test
    void identification_is_updated_with_who_and_when_and_shown_in_the_case_view() {
        String caseId = refer(referralOfAdult());
        String path = "/api/cases/" + caseId + "/identification";
        JsonNode asReferred = as("police").get("/api/cases/" + caseId).body().get("identification");
        assertThat(asReferred.get("indicators").findValuesAsText("")).isEmpty();
        assertThat(asReferred.get("indicators").toString()).contains("DEBT_BONDAGE", "DOCUMENTS_WITHHELD");
        assertThat(asReferred.get("updatedBy").isNull()).isTrue();

        Map<String, Object> update = Map.of("exploitationTypes", List.of("FORCED_LABOUR", "FORCED_CRIMINALITY"),
                "exploitationLocation", "OVERSEAS", "indicators", List.of("THREATS", "WAGES_WITHHELD"));
        assertProblem(as("police").post(path, Map.of("exploitationTypes", List.of(), "exploitationLocation",
                "OVERSEAS", "indicators", List.of())), 400, "field", "exploitationTypes");
        assertProblem(as("police").post(path, Map.of("exploitationTypes", List.of("FORCED_LABOUR"),
                "exploitationLocation", "OVERSEAS", "indicators", List.of("BAD_LUCK"))), 400, "field", "indicators[0]");
        assertThat(as("shelter-provider").post(path, update).status()).isEqualTo(403);
        String other = refer(referralOfAdult());
        assertThat(as("labour-inspectorate").post("/api/cases/" + other + "/identification", update).status())
                .isEqualTo(404);

        assertThat(as("police").post(path, update).status()).isEqualTo(204);
        JsonNode identification = as("competent-authority").get("/api/cases/" + caseId).body().get("identification");
        assertThat(identification.get("indicators").toString()).contains("THREATS", "WAGES_WITHHELD")
                .doesNotContain("DEBT_BONDAGE");
        assertThat(identification.get("exploitationTypes").toString()).contains("FORCED_CRIMINALITY");
        assertThat(identification.get("exploitationLocation").asText()).isEqualTo("OVERSEAS");
        assertThat(identification.get("updatedBy").asText()).isEqualTo("police");
        assertThat(Instant.parse(identification.get("updatedAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(historyEntry("police", caseId, "IdentificationUpdated").get("agency").asText()).isEqualTo("police");
        // the same identification sent again (another key, so no idempotent replay) is no new step of the case
        String events = "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE '%IdentificationUpdated'";
        assertThat(jdbc.queryForObject(events, Long.class, caseId)).isEqualTo(1);
        assertThat(as("police").post(path, update).status()).isEqualTo(204);
        assertThat(jdbc.queryForObject(events, Long.class, caseId)).isEqualTo(1);

        assertThat(as("competent-authority").post("/api/cases/" + caseId + "/closure",
                Map.of("category", "OTHER", "reason", "Closed")).status()).isEqualTo(204);
        assertProblem(as("police").post(path, update), 409, "rule", "case-closed");
    }

    @Test
    void the_documents_used_to_cross_the_border_are_recorded_by_first_responders_and_immigration() {
        String caseId = refer(referralOfAdult());
        String path = "/api/cases/" + caseId + "/travel-documents";
        assertProblem(as("police").post(path, Map.of("documents", "STOLEN")), 400, "field", "documents");
        assertProblem(as("police").post(path, Map.of()), 400, "field", "documents");
        assertThat(as("competent-authority").post(path, Map.of("documents", "FALSE")).status()).isEqualTo(403);
        assertThat(as("immigration-service").post(path, Map.of("documents", "FALSE")).status()).isEqualTo(404);

        assertThat(as("police").post(path, Map.of("documents", "SOMEONE_ELSES",
                "notes", "Travelled on her cousin's passport")).status()).isEqualTo(204);
        assertThat(as("police").get("/api/cases/" + caseId).body().get("identification")
                .get("borderCrossingDocuments").asText()).isEqualTo("SOMEONE_ELSES");
        JsonNode entry = historyEntry("police", caseId, "TravelDocumentsRecorded");
        assertThat(entry.get("data").toString()).contains("cousin's passport");
        assertThat(historyEntry("rapporteur", caseId, "TravelDocumentsRecorded").get("data").get("notes").asText())
                .isEqualTo("[pseudonymised]");
    }

    @Test
    void a_child_referred_without_consent_and_assessed_as_an_adult_waits_for_consent_before_the_decision() {
        var body = new HashMap<>(referralOfAdult());
        body.put("person", Map.of("givenName", "Ion", "gender", "MALE", "birthDate", "2009-04-04",
                "ageUncertain", true, "citizenships", List.of("RO")));
        body.put("consentToReferral", false);
        String caseId = refer(body);
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        decide("child-services", caseId, "age-assessment", Map.of("outcome", "ADULT"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> as("competent-authority")
                .get("/api/tasks?caseId=" + caseId).body().findValuesAsText("key").isEmpty());
        assertThat(as("police").get("/api/cases/" + caseId).body().get("stage").asText()).isEqualTo("NOTIFICATION");
        assertThat(as("police").get("/api/notifications").body().findValuesAsText("kind")).contains("consent-required");

        assertThat(as("police").post("/api/cases/" + caseId + "/consent", Map.of("person", Map.of("givenName", "Ion",
                "gender", "MALE", "birthDate", "2005-04-04"), "needsAccommodation", false)).status()).isEqualTo(204);
        assertThat(awaitTask("competent-authority", caseId, "reasonable-grounds-decision")).isNotBlank();
        assertThat(as("police").get("/api/cases/" + caseId).body().get("stage").asText())
                .isEqualTo("AWAITING_REASONABLE_GROUNDS");
    }

    @Test
    void a_person_whose_age_is_in_doubt_is_a_child_by_presumption_until_the_age_assessment_and_the_page_says_so() {
        var body = new HashMap<>(referralOfAdult());
        body.put("person", Map.of("givenName", "Ion", "gender", "MALE", "birthDate", "2001-04-04",
                "ageUncertain", true, "citizenships", List.of("RO")));
        String caseId = refer(body);
        JsonNode presumed = as("police").get("/api/cases/" + caseId).body();
        assertThat(presumed.get("child").asBoolean()).isTrue();
        assertThat(presumed.get("ageGroup").asText()).isEqualTo("ADULT");
        assertThat(presumed.get("childByPresumption").asBoolean()).isTrue();
        var page = new org.nrm.app.support.PageSession(port);
        page.signIn("police", "demo");
        assertThat(page.get("/cases/" + caseId).body()).contains("id=\"child-by-presumption\"")
                .contains("Child (presumed until an age assessment)");

        decide("child-services", caseId, "age-assessment", Map.of("outcome", "ADULT"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !as("police").get("/api/cases/" + caseId)
                .body().get("child").asBoolean());
        JsonNode assessed = as("police").get("/api/cases/" + caseId).body();
        assertThat(assessed.get("childByPresumption").asBoolean()).isFalse();
        assertThat(assessed.get("ageGroup").asText()).isEqualTo("ADULT");
        assertThat(page.get("/cases/" + caseId).body()).doesNotContain("child-by-presumption");

        String child = referChild();
        JsonNode stated = as("police").get("/api/cases/" + child).body();
        assertThat(stated.get("child").asBoolean()).isTrue();
        assertThat(stated.get("childByPresumption").asBoolean()).isFalse();
    }
}

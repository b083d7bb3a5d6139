package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;

/** Bad input and forbidden steps get a clear problem+json answer, and change nothing. */
class ApiErrorsTest extends PlatformTest {

    private int referrals() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE sequencenumber = 0", Integer.class);
    }

    private Api.Response referAndExpectProblem(String body, int status) {
        int before = referrals();
        Api.Response response = as("police").post("/api/referrals", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.body().get("title").asText()).isNotBlank();
        assertThat(response.body().get("detail").asText()).isNotBlank();
        assertThat(referrals()).isEqualTo(before);
        return response;
    }

    @Test
    void malformed_json_is_refused() {
        Api.Response response = referAndExpectProblem("{\"person\": {\"gender\": ", 400);
        assertThat(response.body().get("detail").asText()).contains("not well-formed JSON");
    }

    @Test
    void well_formed_json_of_the_wrong_shape_is_named_as_such_not_as_malformed() {
        for (String body : List.of("[]", "\"a referral\"", "42")) {
            Api.Response response = referAndExpectProblem(body, 400);
            assertThat(response.body().get("field").asText()).as(body).isEqualTo("body");
            assertThat(response.body().get("detail").asText()).as(body).isEqualTo("'body' must be an object.")
                    .doesNotContain("well-formed");
        }
        // no object at all: said as plainly
        for (String body : List.of("null", "")) {
            Api.Response response = referAndExpectProblem(body, 400);
            assertThat(response.body().get("field").asText()).as(body).isEqualTo("body");
            assertThat(response.body().get("detail").asText()).as(body)
                    .isEqualTo("'body' must be an object (the request sent none: an empty body, or null).");
        }
    }

    @Test
    void an_error_names_its_field_once_the_message_says_what_is_wrong_with_it() {
        Api.Response unknown = referAndExpectProblem("{\"person\":{\"gender\":\"FEMALE\"},\"exploitationTypes\":"
                + "[\"SEXUAL\"],\"exploitationLocation\":\"MARS\",\"consentToReferral\":true}", 400);
        JsonNode error = unknown.body().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("exploitationLocation");
        assertThat(error.get("message").asText()).startsWith("must be one of ").doesNotContain("exploitationLocation");
        assertThat(unknown.body().get("detail").asText()).startsWith("'exploitationLocation' must be one of ");
        Api.Response cutOff = referAndExpectProblem("{\"person\": {\"gender\": ", 400);
        // a body cut off is the body's fault; the message says where the parser stopped
        assertThat(cutOff.body().get("field").asText()).isEqualTo("body");
        assertThat(cutOff.body().get("errors").get(0).get("message").asText())
                .startsWith("is not well-formed JSON at 'person' (line 1");
        // a validation error reads the same way
        Api.Response missing = referAndExpectProblem(
                "{\"person\":{\"gender\":\"FEMALE\"},\"exploitationTypes\":[\"SEXUAL\"]}", 400);
        for (JsonNode each : missing.body().get("errors")) {
            assertThat(each.get("message").asText()).as(each.toString()).doesNotContain(each.get("field").asText());
        }
    }

    @Test
    void a_missing_required_field_is_named() {
        Api.Response response = referAndExpectProblem(
                "{\"person\":{\"gender\":\"FEMALE\"},\"exploitationTypes\":[\"SEXUAL\"]}", 400);
        assertThat(response.body().get("field").asText()).isEqualTo("consentToReferral");
    }

    @Test
    void an_unknown_enum_value_is_named_with_the_allowed_values() {
        Api.Response response = referAndExpectProblem("{\"person\":{\"gender\":\"FEMALE\"},"
                + "\"exploitationTypes\":[\"SEXUAL\"],\"exploitationLocation\":\"MARS\",\"consentToReferral\":true}", 400);
        assertThat(response.body().get("field").asText()).isEqualTo("exploitationLocation");
        assertThat(response.body().get("detail").asText()).contains("DOMESTIC", "OVERSEAS");
    }

    @Test
    void an_unknown_nested_enum_value_is_named_by_its_path() {
        Api.Response response = referAndExpectProblem("{\"person\":{\"gender\":\"ALIEN\"},"
                + "\"exploitationTypes\":[\"SEXUAL\"],\"consentToReferral\":true}", 400);
        assertThat(response.body().get("field").asText()).isEqualTo("person.gender");
    }

    @Test
    void a_country_that_is_not_iso_3166_is_named() {
        Api.Response response = referAndExpectProblem("{\"person\":{\"gender\":\"MALE\",\"citizenships\":[\"XX\"]},"
                + "\"exploitationTypes\":[\"BEGGING\"],\"consentToReferral\":true}", 400);
        assertThat(response.body().get("field").asText()).isEqualTo("person.citizenships[0]");
    }

    @Test
    void a_language_that_is_not_iso_639_is_named() {
        Api.Response response = referAndExpectProblem("{\"person\":{\"gender\":\"MALE\",\"languages\":[\"ger\",\"xyz\"]},"
                + "\"exploitationTypes\":[\"BEGGING\"],\"consentToReferral\":true}", 400);
        assertThat(response.body().get("field").asText()).isEqualTo("person.languages[1]");
    }

    @Test
    void kosovo_bibliographic_codes_romani_and_dari_are_accepted() {
        java.util.Map<String, Object> referral = new java.util.HashMap<>(referralOfAdult());
        referral.put("person", java.util.Map.of("givenName", "Arta", "gender", "FEMALE",
                "citizenships", java.util.List.of("XK", "AL"),
                "languages", java.util.List.of("alb", "sqi", "ger", "deu", "fre", "fra", "chi", "zho", "rom", "prs")));
        assertThat(as("police").post("/api/referrals", referral).status()).isEqualTo(201);
    }

    @Test
    void a_birth_date_in_the_future_is_named() {
        Api.Response response = referAndExpectProblem("{\"person\":{\"gender\":\"MALE\",\"birthDate\":\"2999-01-01\"},"
                + "\"exploitationTypes\":[\"BEGGING\"],\"consentToReferral\":true}", 400);
        assertThat(response.body().get("field").asText()).isEqualTo("person.birthDate");
    }

    @Test
    void an_unknown_field_is_named() {
        Api.Response response = referAndExpectProblem("{\"person\":{\"gender\":\"MALE\"},"
                + "\"exploitationTypes\":[\"BEGGING\"],\"consentToReferral\":true,\"ssn\":\"123\"}", 400);
        assertThat(response.body().get("field").asText()).isEqualTo("ssn");
    }

    @Test
    void signing_in_is_required() {
        Api.Response response = anonymous().get("/api/tasks");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.isProblem()).isTrue();
        assertThat(new Api(port, "police").get("/api/tasks").status()).isEqualTo(200);
    }

    @Test
    void only_first_responders_refer_and_they_learn_nothing_from_validation() {
        int before = referrals();
        Api.Response response = as("competent-authority").post("/api/referrals", referralOfAdult());
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.isProblem()).isTrue();
        assertThat(as("competent-authority").post("/api/referrals", "{}").status()).isEqualTo(403);
        assertThat(as("police-lead").post("/api/referrals", referralOfAdult()).status()).isEqualTo(403);
        assertThat(referrals()).isEqualTo(before);
    }

    @Test
    void a_completion_without_outcome_or_with_an_unknown_outcome_names_the_field_and_leaves_the_task_open() {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        Api ca = as("competent-authority");

        Api.Response missing = ca.post("/api/tasks/" + taskId + "/complete", Map.of("reasons", "x"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.isProblem()).isTrue();
        assertThat(missing.body().get("field").asText()).isEqualTo("outcome");

        Api.Response unknown = ca.post("/api/tasks/" + taskId + "/complete", Map.of("outcome", "MAYBE", "reasons", "x"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("field").asText()).isEqualTo("outcome");
        assertThat(unknown.body().get("detail").asText()).contains("POSITIVE", "NEGATIVE");

        Api.Response noReasons = ca.post("/api/tasks/" + taskId + "/complete", Map.of("outcome", "NEGATIVE"));
        assertThat(noReasons.status()).isEqualTo(400);
        assertThat(noReasons.body().get("field").asText()).isEqualTo("reasons");

        Api.Response notAnObject = ca.post("/api/tasks/" + taskId + "/complete", "[1,2]");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.isProblem()).isTrue();

        assertThat(storedEvents(caseId)).isEqualTo(1);
        assertThat(ca.get("/api/tasks?caseId=" + caseId).body()).hasSize(1);
    }

    @Test
    void another_agencys_task_is_not_found_and_cannot_be_completed() {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");

        Api.Response response = as("shelter-provider").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "not mine"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.isProblem()).isTrue();
        assertThat(as("shelter-provider").post("/api/tasks/" + taskId + "/claim", Map.of()).status()).isEqualTo(404);
        assertThat(as("rapporteur").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "x")).status()).isEqualTo(403);
        assertThat(storedEvents(caseId)).isEqualTo(1);
    }

    @Test
    void a_second_completion_of_the_same_task_is_a_conflict() {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        Map<String, Object> body = Map.of("outcome", "NEGATIVE", "reasons", "No indicators of trafficking");
        assertThat(as("competent-authority").post("/api/tasks/" + taskId + "/complete", body).status()).isEqualTo(204);

        Api.Response again = as("competent-authority").post("/api/tasks/" + taskId + "/complete", body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();
        assertThat(storedEvents(caseId)).isEqualTo(2);
    }

    @Test
    void a_task_claimed_by_one_case_worker_cannot_be_claimed_or_completed_by_another() {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        assertThat(as("competent-authority").post("/api/tasks/" + taskId + "/claim", Map.of()).status()).isEqualTo(204);
        assertThat(as("competent-authority").post("/api/tasks/" + taskId + "/claim", Map.of()).status()).isEqualTo(204);

        assertThat(as("competent-authority-lead").post("/api/tasks/" + taskId + "/claim", Map.of()).status())
                .isEqualTo(409);
        assertThat(as("competent-authority-lead").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "x")).status()).isEqualTo(409);
        assertThat(as("competent-authority").get("/api/tasks?caseId=" + caseId).body().get(0).get("assignee").asText())
                .isEqualTo("competent-authority");
        assertThat(storedEvents(caseId)).isEqualTo(1);
    }

    @Test
    void an_unknown_case_is_not_found() {
        Api.Response response = as("police").get("/api/cases/00000000-0000-0000-0000-000000000000");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.isProblem()).isTrue();
    }

    @Test
    void a_child_without_consent_is_referred_as_a_case() {
        var body = new HashMap<>(referralOfAdult());
        body.put("person", Map.of("gender", "MALE", "birthDate", "2012-05-05", "citizenships", List.of("RO")));
        body.put("consentToReferral", false);
        Api.Response response = as("police").post("/api/referrals", body);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body().get("stage").asText()).isEqualTo("AWAITING_REASONABLE_GROUNDS");
        String caseId = response.body().get("caseId").asText();
        assertThat(as("police").get("/api/cases/" + caseId).body().get("child").asBoolean()).isTrue();
    }
}

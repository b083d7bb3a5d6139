package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;

/** The thin slice over HTTP: a police referral reaches the competent authority, whose decision moves the case on. */
class ReferralToReasonableGroundsTest extends PlatformTest {

    @Test
    void a_police_referral_is_decided_by_the_competent_authority_and_the_case_enters_its_recovery_period() {
        Api.Response referral = as("police").post("/api/referrals", referralOfAdult());
        assertThat(referral.status()).isEqualTo(201);
        String caseId = referral.body().get("caseId").asText();
        assertThat(referral.location()).isEqualTo("/api/cases/" + caseId);
        assertThat(referral.body().get("reference").asText()).matches("NRM-\\d{4}-\\d{6}");

        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        JsonNode task = as("competent-authority").get("/api/tasks?caseId=" + caseId).body().get(0);
        assertThat(task.get("agency").asText()).isEqualTo("competent-authority");
        assertThat(task.get("caseId").asText()).isEqualTo(caseId);
        assertThat(Instant.parse(task.get("dueAt").asText())).isAfter(Instant.parse(task.get("createdAt").asText()));
        assertThat(as("police").get("/api/tasks?caseId=" + caseId).body()).isEmpty();
        // the case's reference beside its id, what a case worker says and searches by (once the case view has it)
        String reference = referral.body().get("reference").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> reference.equals(
                as("competent-authority").get("/api/tasks?caseId=" + caseId).body().get(0).path("reference").asText()));
        // a report from the public's triage is no case: its task has no reference
        assertThat(as("ngo-outreach").post("/api/reports", PublicReportsTest.report("WEB")).status()).isEqualTo(201);
        List<JsonNode> triage = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(
                () -> java.util.stream.StreamSupport.stream(as("ngo-outreach").get("/api/tasks?limit=500").body()
                        .spliterator(), false).filter(t -> t.get("key").asText().equals("public-report-triage"))
                        .toList(), tasks -> !tasks.isEmpty());
        assertThat(triage).allSatisfy(t -> assertThat(t.get("reference").isNull()).as(t.toString()).isTrue());

        Api.Response completion = as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account; debt bondage and documents withheld"));
        assertThat(completion.status()).isEqualTo(204);

        JsonNode view = as("competent-authority").get("/api/cases/" + caseId).body();
        assertThat(view.get("stage").asText()).isEqualTo("RECOVERY_PERIOD");
        assertThat(view.get("child").asBoolean()).isFalse();
        assertThat(view.get("foreignNational").asBoolean()).isTrue();
        // a positive decision opens the recovery period's parallel work: a shelter place (in the same transaction)
        // and, for a foreign national, the residence permit (after the asynchronous application)
        assertThat(view.get("openTasks").findValuesAsText("key")).contains("shelter-placement");
        awaitTask("immigration-service", caseId, "residence-permit-decision");

        JsonNode history = as("police").get("/api/cases/" + caseId + "/history").body();
        assertThat(history.findValuesAsText("type")).startsWith("ReferralSubmitted", "ReasonableGroundsDecided",
                "RecoveryPeriodStarted", "ResidencePermitApplied");
        assertThat(history.get(0).get("type").asText()).isEqualTo("ReferralSubmitted");
        assertThat(history.get(0).get("actor").asText()).isEqualTo("police");
        assertThat(history.get(0).get("agency").asText()).isEqualTo("police");
        assertThat(history.get(1).get("type").asText()).isEqualTo("ReasonableGroundsDecided");
        assertThat(history.get(1).get("actor").asText()).isEqualTo("competent-authority");
        assertThat(history.get(1).get("agency").asText()).isEqualTo("competent-authority");
        assertThat(history.get(1).get("data").get("reasons").asText()).startsWith("Credible account");
        assertThat(history.get(2).get("type").asText()).isEqualTo("RecoveryPeriodStarted");
        assertThat(history.get(3).get("actor").asText()).isEqualTo("system");
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).get("sequence").asLong()).isEqualTo(i);
            assertThat(Instant.parse(history.get(i).get("occurredAt").asText())).isBefore(Instant.now().plusSeconds(1));
        }
    }

    @Test
    void an_adult_without_consent_becomes_an_anonymous_notification_with_no_task_and_no_personal_data() {
        var body = new java.util.HashMap<>(referralOfAdult());
        body.put("consentToReferral", false);
        Api.Response referral = as("police").post("/api/referrals", body);
        assertThat(referral.status()).isEqualTo(201);
        String caseId = referral.body().get("caseId").asText();
        assertThat(referral.body().get("stage").asText()).isEqualTo("NOTIFICATION");

        assertThat(as("police").get("/api/cases/" + caseId).body().get("stage").asText()).isEqualTo("NOTIFICATION");
        JsonNode history = as("police").get("/api/cases/" + caseId + "/history").body();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("type").asText()).isEqualTo("AnonymousNotificationMade");
        assertThat(history.toString()).doesNotContain("Nguyen").doesNotContain("nail bar");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM work_queue WHERE case_id = ?", Integer.class, caseId))
                .isZero();
    }

    @Test
    void a_case_is_not_visible_to_an_agency_that_is_not_involved() {
        String caseId = refer(referralOfAdult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        Api.Response foreign = as("shelter-provider").get("/api/cases/" + caseId);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.isProblem()).isTrue();
        assertThat(as("shelter-provider").get("/api/cases/" + caseId + "/history").status()).isEqualTo(404);
        assertThat(as("competent-authority").get("/api/cases/" + caseId).status()).isEqualTo(200);
    }

    @Test
    void oversight_reads_the_history_with_personal_data_pseudonymised() {
        String caseId = refer(referralOfAdult());
        JsonNode history = as("rapporteur").get("/api/cases/" + caseId + "/history").body();
        assertThat(history.get(0).get("data").get("person").asText()).isEqualTo("[pseudonymised]");
        assertThat(history.toString()).doesNotContain("Nguyen");
        assertThat(history.get(0).get("data").get("profile").get("citizenships").get(0).asText()).isEqualTo("VN");
    }
}

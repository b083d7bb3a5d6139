package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.DemoFastPlatform;
import org.nrm.app.support.Consistency;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue #13, "reopening restarts the mechanism where the case left it", for a voluntary return, over HTTP under
 * demo-fast (a day lasts a second; follow-ups after one month, 30 seconds; the same configuration as
 * {@link ForeignAdultFromReferralToClosureTest}, so the same context): a case closed while its return waited for the
 * departure is reopened at the departure (not at a new choice of durable solution), and one closed while a
 * follow-up was open is reopened at that follow-up; the return is the same one throughout and completes.
 */
class ReopeningResumesTheReturnTest extends DemoFastPlatform {

    @Autowired
    RuntimeService runtime;

    private List<String> openTaskKeys(String caseId) {
        return as("competent-authority").get("/api/cases/" + caseId).body().get("openTasks").findValuesAsText("key");
    }

    private List<JsonNode> history(String caseId, String type) {
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode entry : as("competent-authority").get("/api/cases/" + caseId + "/history").body()) {
            if (type.equals(entry.get("type").asText())) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private void closeAndReopen(String caseId) {
        assertThat(as("competent-authority").post("/api/cases/" + caseId + "/closure",
                Map.of("category", "LOST_CONTACT", "reason", "No contact")).status()).isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
                .processDefinitionKey("national-referral-mechanism").processInstanceBusinessKey(caseId).count() == 0);
        Api.Response reopened = as("competent-authority").post("/api/cases/" + caseId + "/reopening",
                Map.of("reason", "Back in contact"));
        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(204);
    }

    @Test
    void a_case_closed_during_its_voluntary_return_resumes_the_return_where_it_stood() {
        Api.Response referral = as("police").post("/api/referrals", Map.of(
                "person", Map.of("givenName", "Lan", "familyName", "Nguyen", "birthDate", "1990-03-01",
                        "gender", "FEMALE", "citizenships", List.of("VN"), "languages", List.of("vie")),
                "exploitationTypes", List.of("FORCED_LABOUR"), "exploitationLocation", "DOMESTIC",
                "indicators", List.of("DOCUMENTS_WITHHELD"), "consentToReferral", true, "needsAccommodation", false));
        assertThat(referral.status()).isEqualTo(201);
        String caseId = referral.body().get("caseId").asText();
        complete("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account"));
        complete("immigration-service", caseId, "residence-permit-decision", Map.of("outcome", "REFUSED"));
        // the recovery period (30 days, 30 seconds here) runs its course before the conclusive decision is due
        complete("competent-authority", caseId, "conclusive-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Victim of forced labour"));
        complete("shelter-provider", caseId, "durable-solution", Map.of("outcome", "VOLUNTARY_RETURN"));
        complete("return-organisation", caseId, "return-risk-assessment", Map.of("outcome", "LOW"));
        awaitTask("return-organisation", caseId, "return-departure");

        // closed while the return waits for the departure: reopened at the departure
        closeAndReopen(caseId);
        JsonNode reopened = history(caseId, "CaseReopened").get(0);
        assertThat(reopened.get("data").get("resumeAt").asText()).isEqualTo("VOLUNTARY_RETURN");
        awaitTask("return-organisation", caseId, "return-departure");
        assertThat(openTaskKeys(caseId)).containsExactly("return-departure");
        assertThat(as("competent-authority").get("/api/cases/" + caseId).body().get("stage").asText())
                .isEqualTo("RETURN");
        // the events, the engine (the resumed return's task) and the views agree
        Consistency.assertConsistent(as("admin"), List.of(caseId));
        complete("return-organisation", caseId, "return-departure",
                Map.of("outcome", "DEPARTED", "receivingOrganisation", "IOM Viet Nam"));

        // closed while the follow-up (one month, 30 seconds here) is open: reopened at that follow-up
        awaitTask("return-organisation", caseId, "reintegration-follow-up");
        closeAndReopen(caseId);
        assertThat(history(caseId, "CaseReopened")).hasSize(2);
        assertThat(history(caseId, "CaseReopened").get(1).get("data").get("resumeAt").asText())
                .isEqualTo("VOLUNTARY_RETURN");
        complete("return-organisation", caseId, "reintegration-follow-up", Map.of("outcome", "ON_TRACK"));

        // the return completes (the same return: one request, one departure, one follow-up) and closure is due
        awaitTask("competent-authority", caseId, "case-closure");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> history(caseId, "VoluntaryReturnCompleted")
                .size() == 1);
        assertThat(history(caseId, "VoluntaryReturnRequested")).hasSize(1);
        assertThat(history(caseId, "PersonDeparted")).hasSize(1);
        assertThat(history(caseId, "ReintegrationFollowedUp")).hasSize(1);
        assertThat(history(caseId, "DurableSolutionChosen")).hasSize(1);
        assertThat(history(caseId, "PersonDeparted").get(0).get("agency").asText()).isEqualTo("return-organisation");
        Consistency.assertConsistent(as("admin"), List.of(caseId));
    }
}

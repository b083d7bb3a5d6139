package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.nrm.workflow.CaseProcesses;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Item 2 of issue #13 over HTTP: a case closed while its residence permit was in force is reopened and the mechanism
 * holds the permit again (reminder, expiry, renewal and revocation), beside the step the case resumes at.
 */
class ReopeningResumesThePermitTest extends PlatformTest {

    @Autowired
    RuntimeService runtime;

    @Autowired
    CaseProcesses processes;

    private boolean processRunning(String caseId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("national-referral-mechanism")
                .processInstanceBusinessKey(caseId).count() > 0;
    }

    @Test
    void a_case_closed_with_its_permit_in_force_holds_the_permit_again_when_reopened() {
        String caseId = refer(referralOfAdult());
        String rg = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        assertThat(as("competent-authority").post("/api/tasks/" + rg + "/claim", Map.of()).status()).isEqualTo(204);
        assertThat(as("competent-authority").post("/api/tasks/" + rg + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account")).status()).isEqualTo(204);
        String permit = awaitTask("immigration-service", caseId, "residence-permit-decision");
        assertThat(as("immigration-service").post("/api/tasks/" + permit + "/claim", Map.of()).status()).isEqualTo(204);
        Api.Response granted = as("immigration-service").post("/api/tasks/" + permit + "/complete", Map.of("outcome",
                "GRANTED", "ground", "RECOVERY_NEEDS", "validUntil", Instant.now().plus(400, ChronoUnit.DAYS).toString()));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processes.permitInForce(caseId).isPresent());

        assertThat(as("competent-authority").post("/api/cases/" + caseId + "/closure",
                Map.of("category", "LOST_CONTACT", "reason", "No contact")).status()).isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !processRunning(caseId));
        String renewal = "/api/cases/" + caseId + "/residence-permit/renewal";
        Api.Response closedRenewal = as("immigration-service").post(renewal,
                Map.of("validUntil", Instant.now().plus(800, ChronoUnit.DAYS).toString()));
        assertThat(closedRenewal.status()).as(closedRenewal.toString()).isEqualTo(409);

        assertThat(as("competent-authority").post("/api/cases/" + caseId + "/reopening",
                Map.of("reason", "Back in contact")).status()).isEqualTo(204);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processes.permitInForce(caseId).isPresent());
        assertThat(as("competent-authority").get("/api/cases/" + caseId).body().get("stage").asText())
                .isEqualTo("RECOVERY_PERIOD");
        Instant renewedUntil = Instant.now().plus(800, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Api.Response renewed = as("immigration-service").post(renewal, Map.of("validUntil", renewedUntil.toString()));
        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> renewedUntil.toString().equals(
                as("immigration-service").get("/api/cases/" + caseId).body().get("deadlines").get("permitValidUntil")
                        .asText().replace(".000Z", "Z")));
        // still held after the renewal: the revocation finds it in force
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processes.permitInForce(caseId).isPresent());
        assertThat(as("immigration-service").post("/api/cases/" + caseId + "/residence-permit/revocation",
                Map.of("reasons", "Documents found to be forged")).status()).isEqualTo(204);
    }
}

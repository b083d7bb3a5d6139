package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.DemoFastPlatform;

/**
 * End to end over HTTP under demo-fast (a day lasts a second): a foreign adult from referral through positive
 * decisions, shelter, residence permit and voluntary return to closure. Follow-ups are set to one month (30 seconds).
 */
class ForeignAdultFromReferralToClosureTest extends DemoFastPlatform {

    @Test
    void a_foreign_adult_is_referred_recognised_sheltered_granted_a_permit_returned_home_and_the_case_closed() {
        Api.Response referral = as("police").post("/api/referrals", Map.of(
                "person", Map.of("givenName", "Lan", "familyName", "Nguyen", "birthDate", "1990-03-01",
                        "gender", "FEMALE", "citizenships", List.of("VN"), "languages", List.of("vie")),
                "exploitationTypes", List.of("FORCED_LABOUR"), "exploitationLocation", "DOMESTIC",
                "indicators", List.of("DOCUMENTS_WITHHELD"), "consentToReferral", true, "needsAccommodation", true));
        assertThat(referral.status()).isEqualTo(201);
        String caseId = referral.body().get("caseId").asText();

        complete("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account"));
        awaitTask("immigration-service", caseId, "residence-permit-decision");
        complete("shelter-provider", caseId, "shelter-placement",
                Map.of("outcome", "PLACED", "shelterId", "shelter-women-north"));
        complete("immigration-service", caseId, "residence-permit-decision", Map.of("outcome", "GRANTED",
                "ground", "RECOVERY_NEEDS", "validUntil", Instant.now().plus(365, ChronoUnit.DAYS).toString()));

        JsonNode view = as("competent-authority").get("/api/cases/" + caseId).body();
        assertThat(view.get("shelterId").asText()).isEqualTo("shelter-women-north");
        assertThat(view.get("permitStatus").asText()).isEqualTo("GRANTED");
        assertThat(view.get("stage").asText()).isEqualTo("RECOVERY_PERIOD");

        // the recovery period (30 days, 30 seconds here) runs its course before the conclusive decision is due
        complete("competent-authority", caseId, "conclusive-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Victim of forced labour"));
        complete("shelter-provider", caseId, "durable-solution", Map.of("outcome", "VOLUNTARY_RETURN"));
        assertThat(as("competent-authority").get("/api/cases/" + caseId).body().get("stage").asText())
                .isEqualTo("RETURN");
        complete("return-organisation", caseId, "return-risk-assessment", Map.of("outcome", "LOW"));
        complete("return-organisation", caseId, "return-departure",
                Map.of("outcome", "DEPARTED", "receivingOrganisation", "IOM Viet Nam"));
        complete("return-organisation", caseId, "reintegration-follow-up", Map.of("outcome", "ON_TRACK"));
        complete("competent-authority", caseId, "case-closure",
                Map.of("outcome", "CLOSED", "reason", "Returned and reintegrated", "category", "RETURNED"));

        JsonNode closed = as("competent-authority").get("/api/cases/" + caseId).body();
        assertThat(closed.get("stage").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("openTasks")).isEmpty();

        JsonNode history = as("competent-authority").get("/api/cases/" + caseId + "/history").body();
        List<String> steps = new ArrayList<>();
        for (JsonNode entry : history) {
            assertThat(entry.get("actor").asText()).as(entry.toString()).isNotBlank();
            assertThat(entry.get("agency").asText()).as(entry.toString()).isNotBlank();
            assertThat(entry.get("occurredAt").asText()).isNotBlank();
            // breaches and the end of move-on support (45 days, 45 seconds here) depend on how fast the run is
            if (!List.of("DeadlineBreached", "MoveOnSupportEnded").contains(entry.get("type").asText())) {
                steps.add(entry.get("type").asText());
            }
        }
        assertThat(steps).containsExactly("ReferralSubmitted", "ReasonableGroundsDecided", "RecoveryPeriodStarted",
                "ResidencePermitApplied", "PersonPlaced", "ResidencePermitGranted", "RecoveryPeriodEnded",
                "ConclusiveGroundsDecided", "MoveOnSupportStarted", "DurableSolutionChosen", "VoluntaryReturnRequested",
                "VoluntaryReturnOpened", "ReturnRiskAssessed", "PersonDeparted", "PlacementEnded", "ReintegrationFollowedUp",
                "VoluntaryReturnCompleted", "CaseClosed");
        List<String> actors = new ArrayList<>();
        history.forEach(entry -> actors.add(entry.get("type").asText() + "/" + entry.get("agency").asText()));
        assertThat(actors).contains("ReasonableGroundsDecided/competent-authority", "PersonPlaced/shelter-provider",
                "ResidencePermitGranted/immigration-service", "RecoveryPeriodEnded/mechanism",
                "DurableSolutionChosen/shelter-provider", "PersonDeparted/return-organisation",
                // the departure freed the bed, in its own transaction and by the same actor
                "PlacementEnded/return-organisation",
                "CaseClosed/competent-authority");
    }
}

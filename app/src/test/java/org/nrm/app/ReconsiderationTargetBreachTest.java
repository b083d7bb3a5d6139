package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.DemoFastPlatform;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reconsideration decision's target under demo-fast (a day lasts a second; the configuration of
 * {@link ForeignAdultFromReferralToClosureTest}, so both share one platform): a reconsideration requested within the
 * window is due 30 "days" later (the demo's {@code nrm.jurisdiction.target-days.reconsideration-decision}); left
 * undecided past it, the breach is a {@code DeadlineBreached} event in the case's history, a notification to the
 * competent authority's leads and {@code nrm.deadline.breaches{agency, task}}, and the task stays open and can still
 * be decided. A reconsideration decided in time leaves no breach.
 */
class ReconsiderationTargetBreachTest extends DemoFastPlatform {

    @Autowired
    MeterRegistry meters;

    /** A negative reasonable-grounds decision and the referrer's request to reconsider it, its task open. */
    private String reconsiderationRequested() {
        Map<String, Object> body = new HashMap<>(Map.of(
                "person", Map.of("givenName", "Mira", "familyName", "Kovac", "birthDate", "1988-05-02",
                        "gender", "FEMALE", "citizenships", List.of("GB"), "languages", List.of("eng")),
                "exploitationTypes", List.of("FORCED_LABOUR"), "exploitationLocation", "DOMESTIC",
                "indicators", List.of("WAGES_WITHHELD"), "consentToReferral", true, "needsAccommodation", false));
        Api.Response referral = as("police").post("/api/referrals", body);
        assertThat(referral.status()).isEqualTo(201);
        String caseId = referral.body().get("caseId").asText();
        complete("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "NEGATIVE", "reasons", "No indicator established"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "NEGATIVE".equals(
                as("police").get("/api/cases/" + caseId).body().get("reasonableGrounds").asText()));
        Api.Response requested = as("police").post("/api/cases/" + caseId + "/reconsideration",
                Map.of("ground", "NEW_EVIDENCE", "explanation", "A witness statement came in"));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(204);
        awaitTask("competent-authority", caseId, "reconsideration-decision");
        return caseId;
    }

    /**
     * The case's reconsideration breaches in its history (under compressed time the reasonable-grounds target of five
     * seconds may pass before the decision, a breach of its own).
     */
    private List<JsonNode> reconsiderationBreaches(String caseId) {
        List<JsonNode> found = new java.util.ArrayList<>();
        for (JsonNode entry : as("competent-authority").get("/api/cases/" + caseId + "/history").body()) {
            if ("DeadlineBreached".equals(entry.get("type").asText())
                    && "reconsideration-decision".equals(entry.get("data").get("taskKey").asText())) {
                found.add(entry);
            }
        }
        return found;
    }

    /** The competent authority's leads' notifications of a reconsideration breach, by case. */
    private List<String> reconsiderationBreachNotices() {
        List<String> cases = new java.util.ArrayList<>();
        for (JsonNode notification : as("competent-authority-lead").get("/api/notifications").body()) {
            if ("deadline-breach".equals(notification.get("kind").asText())
                    && notification.get("message").asText().contains("reconsideration-decision")) {
                cases.add(notification.get("caseId").asText());
            }
        }
        return cases;
    }

    private double breaches() {
        Counter counter = meters.find("nrm.deadline.breaches").tag("agency", "competent-authority")
                .tag("task", "reconsideration-decision").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void a_reconsideration_left_undecided_past_its_target_is_a_breach_and_one_decided_in_time_is_not() {
        double before = breaches();
        String inTime = reconsiderationRequested();
        String late = reconsiderationRequested();
        complete("competent-authority", inTime, "reconsideration-decision", Map.of("outcome", "UPHELD"));

        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !reconsiderationBreaches(late).isEmpty());

        JsonNode breach = reconsiderationBreaches(late).get(0);
        assertThat(breach.get("agency").asText()).isEqualTo("mechanism");
        assertThat(breach.get("actor").asText()).isEqualTo("system");
        assertThat(reconsiderationBreachNotices()).containsOnlyOnce(late);
        assertThat(breaches()).isEqualTo(before + 1);
        // the task stays open, and the decision taken late carries the case on
        complete("competent-authority", late, "reconsideration-decision", Map.of("outcome", "UPHELD"));
        awaitTask("competent-authority", late, "case-closure");

        // the request in time came first: its target has passed too, and it recorded nothing
        assertThat(reconsiderationBreaches(inTime)).isEmpty();
        assertThat(reconsiderationBreachNotices()).doesNotContain(inTime);
        assertThat(reconsiderationBreaches(late)).hasSize(1);
    }
}

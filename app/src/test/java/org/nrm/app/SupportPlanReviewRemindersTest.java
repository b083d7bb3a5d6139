package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.nrm.app.support.SupportFixtures;
import org.nrm.app.supportplan.SupportPlanReviewReminders;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A support plan's review falling due reminds the plan's owner (issue 16: "reviews at intervals the jurisdiction
 * sets"): the sweep is run here at chosen instants (the plan's due date is 90 days after it was opened), so the test
 * needs no clock of its own; the scheduled sweep runs the same method with the platform's clock.
 */
class SupportPlanReviewRemindersTest extends PlatformTest {

    @Autowired
    SupportPlanReviewReminders reminders;

    private List<JsonNode> reminded(String user, String caseId) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : as(user).get("/api/notifications").body()) {
            if (caseId.equals(n.path("caseId").asText()) && SupportPlanReviewReminders.KIND.equals(n.get("kind").asText())) {
                out.add(n);
            }
        }
        return out;
    }

    private Instant reviewDueAt(String caseId) {
        return Instant.parse(as(SupportFixtures.OWNER).get("/api/cases/" + caseId + "/support-plan").body()
                .get("reviewDueAt").asText());
    }

    @Test
    void the_owner_is_reminded_once_when_the_review_falls_due_and_again_when_the_next_one_does() {
        SupportFixtures support = new SupportFixtures(port);
        String caseId = support.withPlan();
        Instant due = reviewDueAt(caseId);

        // not yet due: no reminder
        reminders.remindDue(due.minusSeconds(1));
        assertThat(reminded(SupportFixtures.OWNER, caseId)).isEmpty();

        // due: every user of the owning agency is told, once, however often the sweep runs
        assertThat(reminders.remindDue(due)).isGreaterThanOrEqualTo(1);
        reminders.remindDue(due.plusSeconds(3600));
        reminders.remindDue(due.plusSeconds(7200));
        List<JsonNode> first = reminded(SupportFixtures.OWNER, caseId);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).get("message").asText()).contains(due.toString()).doesNotContain("Lan")
                .doesNotContain("Nguyen");
        assertThat(reminded(SupportFixtures.OWNER + "-lead", caseId)).hasSize(1);
        assertThat(reminded("shelter-provider", caseId)).as("another agency is not told").isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM support_plan_review_reminder WHERE plan_id = ?",
                Integer.class, "support-plan:" + caseId)).isEqualTo(1);

        // the owner reviews the plan: the next review is due later and reminded of when it falls due
        Api.Response reviewed = as(SupportFixtures.OWNER).post("/api/cases/" + caseId + "/support-plan/review",
                Map.of());
        assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(204);
        Instant next = reviewDueAt(caseId);
        assertThat(next).isAfter(Instant.now());
        reminders.remindDue(next.minusSeconds(1));
        assertThat(reminded(SupportFixtures.OWNER, caseId)).hasSize(1);
        reminders.remindDue(next);
        reminders.remindDue(next);
        assertThat(reminded(SupportFixtures.OWNER, caseId)).hasSize(2);
    }
}

package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.DemoFastPlatform;
import org.nrm.app.support.SupportFixtures;
import org.nrm.app.supportplan.SupportPlanReviewReminders;

/**
 * A support plan's review falls due on the platform's own clock (demo-fast: the jurisdiction's 90 days are 90 seconds,
 * the sweep looks every second) and the plan's owner is told once, with nothing but the scheduled sweep at work. The
 * platform is the other demo-fast tests' ({@link DemoFastPlatform}).
 */
class SupportPlanReviewFallsDueTest extends DemoFastPlatform {

    private long reminders(Api api, String caseId) {
        long n = 0;
        for (JsonNode notification : api.get("/api/notifications").body()) {
            if (caseId.equals(notification.path("caseId").asText())
                    && SupportPlanReviewReminders.KIND.equals(notification.get("kind").asText())) {
                n++;
            }
        }
        return n;
    }

    @Test
    void the_owner_is_told_once_when_the_review_falls_due() {
        SupportFixtures support = new SupportFixtures(port);
        String caseId = support.withPlan();
        Api owner = new Api(port, SupportFixtures.OWNER);
        Instant due = Instant.parse(owner.get("/api/cases/" + caseId + "/support-plan").body().get("reviewDueAt")
                .asText());
        assertThat(Duration.between(Instant.now(), due)).as("90 days of one second").isLessThan(Duration.ofSeconds(91));
        assertThat(reminders(owner, caseId)).as("not due yet").isZero();

        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> reminders(owner, caseId) > 0);
        assertThat(Instant.now()).isAfterOrEqualTo(due);
        // the sweep keeps running every second: still one reminder
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> reminders(owner, caseId) == 1);
        assertThat(owner.get("/api/cases/" + caseId + "/support-plan").body().get("reviewOverdue").asBoolean())
                .isTrue();
    }
}

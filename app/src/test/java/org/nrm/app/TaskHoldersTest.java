package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.nrm.app.security.NrmUser;
import org.nrm.app.security.UserRole;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.nrm.app.users.SeenUserDirectory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who holds a task: a case worker hands a task back ({@code unclaim}), a lead takes any task of the agency back, and a
 * lead gives tasks only to an active case worker or lead of the same agency (the directory of users).
 */
class TaskHoldersTest extends PlatformTest {

    @Autowired
    TaskService tasks;

    @Test
    void the_holder_hands_a_task_back_and_anyone_else_but_a_lead_is_refused() {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        String path = "/api/tasks/" + taskId;

        assertThat(as("competent-authority-lead").post(path + "/claim", Map.of()).status()).isEqualTo(204);
        Api.Response byOther = as("competent-authority").post(path + "/unclaim", Map.of());
        assertThat(byOther.status()).isEqualTo(409);
        assertThat(byOther.isProblem()).isTrue();
        assertThat(assignee(taskId)).isEqualTo("competent-authority-lead");

        assertThat(as("competent-authority-lead").post(path + "/unclaim", Map.of()).status()).isEqualTo(204);
        assertThat(assignee(taskId)).isNull();
        assertThat(queueAssignee(taskId)).isNull();

        assertThat(as("competent-authority").post(path + "/claim", Map.of()).status()).isEqualTo(204);
        assertThat(as("competent-authority").post(path + "/unclaim", Map.of()).status()).isEqualTo(204);
        assertThat(assignee(taskId)).isNull();

        // a lead takes back a case worker's task
        assertThat(as("competent-authority").post(path + "/claim", Map.of()).status()).isEqualTo(204);
        assertThat(as("competent-authority-lead").post(path + "/unclaim", Map.of()).status()).isEqualTo(204);
        assertThat(assignee(taskId)).isNull();

        // another agency does not see the task at all
        assertThat(as("police").post(path + "/unclaim", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void a_lead_assigns_only_to_an_active_case_worker_or_lead_of_the_agency() {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        String path = "/api/tasks/" + taskId + "/assignee";

        for (String invalid : new String[] {"police", "rapporteur", "admin", "nobody", "x".repeat(300),
                "competent-authority\u0000"}) {
            Api.Response response = as("competent-authority-lead").post(path, Map.of("assignee", invalid));
            assertThat(response.status()).as(invalid).isEqualTo(400);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.body().get("field").asText()).isEqualTo("assignee");
            assertThat(assignee(taskId)).isNull();
        }

        assertThat(as("competent-authority-lead").post(path, Map.of("assignee", "competent-authority")).status())
                .isEqualTo(204);
        assertThat(assignee(taskId)).isEqualTo("competent-authority");
        assertThat(queueAssignee(taskId)).isEqualTo("competent-authority");
        assertThat(as("competent-authority-lead").post(path, java.util.Collections.singletonMap("assignee", null))
                .status()).isEqualTo(204);
        assertThat(assignee(taskId)).isNull();
    }

    /** The production directory (OpenID Connect): the users seen signing in, active for a period, deactivatable. */
    @Test
    void with_openid_connect_the_directory_is_the_users_seen_signing_in() {
        Instant now = Instant.parse("2026-06-01T10:00:00Z");
        var directory = new SeenUserDirectory(jdbc, Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(90));
        String worker = "oidc-" + UUID.randomUUID();
        String other = "oidc-" + UUID.randomUUID();
        assertThat(directory.mayHoldTasksOf(worker, "police")).as("never seen").isFalse();

        directory.seen(new NrmUser(worker, "police", UserRole.CASE_WORKER));
        directory.seen(new NrmUser(other, "police", UserRole.OVERSIGHT));

        assertThat(directory.mayHoldTasksOf(worker, "police")).isTrue();
        assertThat(directory.mayHoldTasksOf(worker, "border-police")).as("another agency").isFalse();
        assertThat(directory.mayHoldTasksOf(other, "police")).as("not a case worker or lead").isFalse();

        var later = new SeenUserDirectory(jdbc, Clock.fixed(now.plus(Duration.ofDays(91)), ZoneOffset.UTC),
                Duration.ofDays(90));
        assertThat(later.mayHoldTasksOf(worker, "police")).as("not seen for 91 days").isFalse();

        jdbc.update("UPDATE directory_user SET deactivated_at = ? WHERE user_id = ?",
                java.sql.Timestamp.from(now), worker);
        assertThat(directory.mayHoldTasksOf(worker, "police")).as("deactivated").isFalse();
    }

    /** Who holds the task: the platform's record in the agencies' queue rows (the same in each), checked once. */
    private String assignee(String taskId) {
        java.util.List<String> holders = jdbc.queryForList("SELECT DISTINCT assignee FROM work_queue WHERE task_id = ?",
                String.class, taskId);
        assertThat(holders).as("one holder in every queue row of the task").hasSize(1);
        // the engine is not asked: a claim is the platform's record, not an engine command (issue #19)
        assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
        return holders.get(0);
    }

    private String queueAssignee(String taskId) {
        return jdbc.queryForObject("SELECT assignee FROM work_queue WHERE task_id = ? LIMIT 1", String.class, taskId);
    }
}

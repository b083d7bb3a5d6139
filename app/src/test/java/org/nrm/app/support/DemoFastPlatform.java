package org.nrm.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The base of the tests that run whole cases under {@code demo-fast} (a day lasts a second), over HTTP, in the
 * surefire execution of their own ({@code demo-fast} tag). Every subclass has exactly this configuration, so they share
 * one platform and one embedded database in that JVM; reintegration follow-ups are set to one month (30 seconds).
 */
@Tag("demo-fast")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"nrm.embedded-database.data-dir=", "nrm.embedded-database.durable=false",
                "nrm.jurisdiction.reintegration-follow-up-months=1"})
@ActiveProfiles("demo-fast")
public abstract class DemoFastPlatform {

    @LocalServerPort
    protected int port;

    /** A demo user's client of this platform. */
    protected Api as(String user) {
        return new Api(port, user);
    }

    /** Waits until the user's agency sees the case's task of this key, and answers its id. */
    protected String awaitTask(String user, String caseId, String key) {
        return awaitTask(as(user), caseId, key);
    }

    /** Claims the case's task of this key (once the agency sees it) and completes it with the body: both 204. */
    protected void complete(String user, String caseId, String key, Map<String, Object> body) {
        complete(as(user), caseId, key, body);
    }

    /** {@link #awaitTask(String, String, String)} through any client, of this platform or of another. */
    protected static String awaitTask(Api api, String caseId, String key) {
        return Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (JsonNode task : api.get("/api/tasks?caseId=" + caseId).body()) {
                if (key.equals(task.get("key").asText())) {
                    return task.get("taskId").asText();
                }
            }
            return null;
        }, Objects::nonNull);
    }

    /** {@link #complete(String, String, String, Map)} through any client, of this platform or of another. */
    protected static void complete(Api api, String caseId, String key, Map<String, Object> body) {
        String taskId = awaitTask(api, caseId, key);
        assertThat(api.post("/api/tasks/" + taskId + "/claim", Map.of()).status()).as(key + " claimed").isEqualTo(204);
        Api.Response response = api.post("/api/tasks/" + taskId + "/complete", body);
        assertThat(response.status()).as(key + ": " + response).isEqualTo(204);
    }
}

package org.nrm.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The base of the application's integration tests: the whole platform on a random port with the demo jurisdiction,
 * on a fresh embedded PostgreSQL, with 127.0.0.1 as the one trusted reverse proxy (its {@code X-Forwarded-For} counts;
 * a connection from 127.0.0.2 is a client's, as any other address). Every subclass uses exactly this configuration, so they share one Spring context
 * and one database per test JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"nrm.embedded-database.data-dir=", "nrm.embedded-database.durable=false",
                "camunda.bpm.job-execution.enabled=true",
                "nrm.metrics.scraper.username=prometheus", "nrm.metrics.scraper.password=scrape-only-the-metrics",
                // the test client plays the reverse proxy from 127.0.0.1 (the packaged default trusts none)
                "server.tomcat.remoteip.internal-proxies=127[.]0[.]0[.]1|0:0:0:0:0:0:0:1|::1"})
@ActiveProfiles("demo")
@Import(TestFaults.Config.class)
@AutoConfigureObservability(metrics = true, tracing = false)
public abstract class PlatformTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected TestFaults faults;

    @AfterEach
    void clearFaults() {
        faults.clear();
    }

    protected Api as(String user) {
        return new Api(port, user);
    }

    protected Api anonymous() {
        return new Api(port, null);
    }

    /** A consenting foreign adult, as the public contract's example. */
    protected static Map<String, Object> referralOfAdult() {
        return Map.of(
                "person", Map.of("givenName", "Lan", "familyName", "Nguyen", "birthDate", "1990-03-01",
                        "ageUncertain", false, "gender", "FEMALE", "citizenships", List.of("VN"),
                        "languages", List.of("vie")),
                "exploitationTypes", List.of("SEXUAL", "FORCED_LABOUR"),
                "exploitationLocation", "DOMESTIC",
                "indicators", List.of("DEBT_BONDAGE", "DOCUMENTS_WITHHELD"),
                "consentToReferral", true,
                "needsAccommodation", true,
                "narrative", "Found at a nail bar after a tip-off");
    }

    /** Refers a person as {@code police} and returns the new case id. */
    protected String refer(Map<String, Object> body) {
        Api.Response response = as("police").post("/api/referrals", body);
        if (response.status() != 201) {
            throw new AssertionError("referral failed: " + response);
        }
        return response.body().get("caseId").asText();
    }

    /** Waits until {@code agency}'s queue holds a task {@code key} for the case, and returns its id. */
    protected String awaitTask(String user, String caseId, String key) {
        return Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            JsonNode tasks = as(user).get("/api/tasks?caseId=" + caseId).body();
            for (JsonNode task : tasks) {
                if (key.equals(task.get("key").asText())) {
                    return task.get("taskId").asText();
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

    protected int storedEvents(String caseId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, caseId);
    }
}

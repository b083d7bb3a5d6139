package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.nrm.app.operations.OperationsMeters;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.nrm.projections.consent.CaseConsentProjection;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What operations tools see ([Deploy]): readiness and liveness groups, the platform's meters with one tag
 * vocabulary, and the metrics scraper's own credentials.
 */
class OperationsTest extends PlatformTest {

    /** The tag names any {@code nrm_} meter may carry (plus Prometheus's own {@code le}, {@code quantile}). */
    private static final Set<String> TAGS = Set.of("agency", "task", "processor", "outcome", "shelter", "type",
            "state", "sent", "kind", "le", "quantile");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    OperationsMeters meters;

    @Test
    void readiness_checks_the_database_the_event_processors_and_the_job_executor_and_liveness_only_the_process() {
        Api.Response readiness = anonymous().get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
        assertThat(names(readiness.body().path("components")))
                .containsExactly("db", "eventProcessors", "jobExecutor", "readinessState");
        Api.Response liveness = anonymous().get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(names(liveness.body().path("components"))).containsExactly("livenessState");
        // the administrator sees each processor's state; the public sees none of it
        assertThat(readiness.body().path("components").path("eventProcessors").has("details")).isFalse();
        JsonNode details = as("admin").get("/actuator/health/readiness").body()
                .path("components").path("eventProcessors").path("details");
        assertThat(names(details)).containsExactlyInAnyOrderElementsOf(processing.eventProcessors().keySet());
        assertThat(details.path("workflow-bridge").asText()).startsWith("running");
    }

    @Test
    void a_stopped_event_processor_takes_the_node_out_of_readiness_but_not_of_liveness_until_it_runs_again() {
        EventProcessor consents = processing.eventProcessor(CaseConsentProjection.PROCESSING_GROUP).orElseThrow();
        consents.shutDown();
        try {
            Api.Response readiness = anonymous().get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.body().path("components").path("eventProcessors").path("status").asText())
                    .isEqualTo("DOWN");
            assertThat(readiness.body().path("components").path("db").path("status").asText()).isEqualTo("UP");
            assertThat(anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
            assertThat(as("admin").get("/actuator/health/readiness").body().path("components")
                    .path("eventProcessors").path("details").path(CaseConsentProjection.PROCESSING_GROUP).asText())
                    .isEqualTo("stopped");
        } finally {
            consents.start();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> anonymous().get("/actuator/health/readiness").status() == 200);
    }

    @Test
    void the_meters_count_what_the_database_holds_under_one_tag_vocabulary() throws Exception {
        Api.Response referral = as("police").post("/api/referrals", referralOfAdult());
        assertThat(referral.status()).as(referral.toString()).isEqualTo(201);
        String caseId = referral.body().get("caseId").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM case_view WHERE case_id = ?", Integer.class, caseId) == 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM work_queue WHERE case_id = ?", Integer.class, caseId) > 0);

        meters.refresh();
        String metrics = scrape("admin", "demo").body();

        long openRg = jdbc.queryForObject("SELECT count(DISTINCT task_id) FROM work_queue WHERE agency = ? "
                + "AND task_key = ?", Long.class, "competent-authority", "reasonable-grounds-decision");
        assertThat(value(metrics, "nrm_tasks_open",
                "agency=\"competent-authority\",task=\"reasonable-grounds-decision\"")).isEqualTo(openRg);
        assertThat(value(metrics, "nrm_tasks_overdue",
                "agency=\"competent-authority\",task=\"reasonable-grounds-decision\"")).isGreaterThanOrEqualTo(0);
        long byPolice = jdbc.queryForObject("SELECT count(*) FROM case_view WHERE referring_agency = 'police'",
                Long.class);
        assertThat(value(metrics, "nrm_referrals_total", "agency=\"police\"")).isEqualTo(byPolice);
        for (String processor : processing.eventProcessors().keySet()) {
            assertThat(value(metrics, "nrm_processor_lag_events", "processor=\"" + processor + "\""))
                    .as(processor).isGreaterThanOrEqualTo(0);
            assertThat(value(metrics, "nrm_processor_dead_letters", "processor=\"" + processor + "\""))
                    .as(processor).isEqualTo(0);
        }
        var shelter = jdbc.queryForMap("SELECT shelter_id, type, capacity, occupied FROM shelter_view "
                + "WHERE NOT retired ORDER BY shelter_id LIMIT 1");
        String shelterTags = "shelter=\"" + shelter.get("shelter_id") + "\",type=\"" + shelter.get("type") + "\"";
        assertThat(value(metrics, "nrm_shelter_capacity", shelterTags))
                .isEqualTo(((Number) shelter.get("capacity")).longValue());
        assertThat(value(metrics, "nrm_shelter_occupied", shelterTags))
                .isEqualTo(((Number) shelter.get("occupied")).longValue());
        assertThat(value(metrics, "nrm_engine_jobs", "state=\"failed\"")).isEqualTo(jdbc.queryForObject(
                "SELECT count(*) FROM act_ru_job WHERE retries_ = 0", Long.class));
        assertThat(value(metrics, "nrm_engine_incidents", "type=\"failedJob\"")).isEqualTo(jdbc.queryForObject(
                "SELECT count(*) FROM act_ru_incident WHERE incident_type_ = 'failedJob'", Long.class));
        assertThat(value(metrics, "nrm_engine_job_executor_active", "")).isEqualTo(1);
        // the readiness gauge still reads after a garbage collection (a weakly held object would read NaN)
        System.gc();
        assertThat(value(scrape("admin", "demo").body(), "nrm_node_ready", "")).isEqualTo(1);

        // one vocabulary: no nrm_ meter carries another tag name (processingGroup was one)
        Set<String> seen = new TreeSet<>();
        Matcher line = Pattern.compile("^(nrm_[a-z_]+)\\{([^}]*)\\}", Pattern.MULTILINE).matcher(metrics);
        while (line.find()) {
            Matcher tag = Pattern.compile("([a-zA-Z_]+)=\"").matcher(line.group(2));
            while (tag.find()) {
                seen.add(tag.group(1));
            }
        }
        assertThat(seen).isNotEmpty().isSubsetOf(TAGS);
    }

    @Test
    void the_scraper_reads_the_metrics_with_its_own_credentials_and_nothing_else() throws Exception {
        assertThat(scrape(SCRAPER, SCRAPER_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(scrape(SCRAPER, SCRAPER_PASSWORD).body()).contains("nrm_engine_jobs{state=\"due\"}");
        // anywhere else they are no credentials at all
        assertThat(send(SCRAPER, SCRAPER_PASSWORD, "/actuator/metrics").statusCode()).isEqualTo(401);
        assertThat(send(SCRAPER, SCRAPER_PASSWORD, "/api/tasks").statusCode()).isEqualTo(401);
        HttpResponse<String> health = send(SCRAPER, SCRAPER_PASSWORD, "/actuator/health/readiness");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).doesNotContain("details");
        assertThat(scrape(SCRAPER, SCRAPER_PASSWORD + "x").statusCode()).isEqualTo(401);
        assertThat(scrape("police", "demo").statusCode()).isEqualTo(403);
        assertThat(send(null, null, "/actuator/prometheus").statusCode()).isEqualTo(401);
    }

    /** As set for the shared context in {@link PlatformTest}. */
    static final String SCRAPER = "prometheus";
    static final String SCRAPER_PASSWORD = "scrape-only-the-metrics";

    private HttpResponse<String> scrape(String user, String password) throws Exception {
        return send(user, password, "/actuator/prometheus");
    }

    private HttpResponse<String> send(String user, String password, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one sample: the meter with exactly these tags (in Prometheus's alphabetical order). */
    private static long value(String metrics, String name, String tags) {
        Matcher sample = Pattern.compile("^" + Pattern.quote(name) + (tags.isEmpty() ? "" : "\\{" + Pattern.quote(tags)
                + "\\}") + " ([0-9.Ee+-]+)$", Pattern.MULTILINE).matcher(metrics);
        assertThat(sample.find()).as(name + "{" + tags + "} in\n" + grep(metrics, name)).isTrue();
        return (long) Double.parseDouble(sample.group(1));
    }

    private static String grep(String metrics, String name) {
        StringBuilder out = new StringBuilder();
        for (String l : metrics.split("\n")) {
            if (l.startsWith(name)) {
                out.append(l).append('\n');
            }
        }
        return out.toString();
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

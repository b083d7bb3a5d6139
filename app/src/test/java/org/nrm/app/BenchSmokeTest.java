package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nrm.app.config.embedded.EmbeddedPostgresServer;
import org.nrm.app.support.PlatformTest;
import org.nrm.bench.Bench;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The benchmark, with one-second phases against the test platform, so that it keeps working. Its figures mean
 * nothing here (embedded database without fsync, tiny load); that every phase produces them does. Each phase goes
 * on until it has samples ({@code min-samples}, {@code cases-min-completions}, and the bench waits for the work
 * queue and the projection timer), so a machine busy with other work slows the test down but never empties a figure.
 */
class BenchSmokeTest extends PlatformTest {

    @Autowired
    EmbeddedPostgresServer postgres;

    @Test
    @SuppressWarnings("unchecked")
    void every_phase_of_the_benchmark_runs_and_reports_its_figures() throws Exception {
        jdbc.execute("DROP DATABASE IF EXISTS bench_baseline");
        jdbc.execute("CREATE DATABASE bench_baseline");
        Map<String, Object> results = new Bench(Map.of(
                "url", "http://localhost:" + port,
                "jdbc", postgres.jdbcUrl("postgres"),
                "baseline-jdbc", postgres.jdbcUrl("bench_baseline"),
                "user", "postgres", "password", postgres.password(),
                "clients", "2", "seconds", "1", "warmup", "1", "catchup", "true",
                // a phase goes on past its second until it has samples: a busy machine cannot empty a figure
                "min-samples", "2")).run();

        for (String figure : new String[] {"intake", "intakeBaselineJdbc", "decisions", "decisionBaselineCamunda",
                "read_tasks", "read_queues", "read_statisticsQuarter"}) {
            Map<String, Object> values = (Map<String, Object>) results.get(figure);
            assertThat(values).as(figure).isNotNull();
            assertThat(((Number) values.get("count")).longValue()).as(figure + " count").isPositive();
        }
        assertThat(((Number) results.get("rebuildEventsPerSecond")).longValue()).isPositive();
        assertThat(((Number) results.get("buildBaselineJdbcEventsPerSecond")).longValue()).isPositive();
        assertThat((Map<String, Object>) results.get("projectionLag_case-views")).containsKey("p99Millis");
        assertThat(((Number) ((Map<String, Object>) results.get("projectionLag_case-views")).get("count")).longValue())
                .as("case-view events committed during the decisions").isPositive();
        assertThat(((Number) ((Map<String, Object>) results.get("decisionNextTaskVisibleInQueue")).get("count"))
                .longValue()).isPositive();
        assertThat(((Number) results.get("failedRequests")).longValue()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_whole_cases_phase_refers_cases_and_works_their_tasks() throws Exception {
        Map<String, Object> results = new Bench(Map.of(
                "url", "http://localhost:" + port,
                "jdbc", postgres.jdbcUrl("postgres"),
                "user", "postgres", "password", postgres.password(),
                "cases-seconds", "3", "cases-measure-from", "1", "cases-inflight", "5",
                "cases-min-completions", "1")).runWholeCases();

        assertThat(((Number) results.get("wholeCasesReferred")).longValue()).isBetween(1L, 5L + 10L);
        assertThat(((Number) ((Map<String, Object>) results.get("wholeCasesTaskCompletions")).get("count"))
                .longValue()).as("reasonable-grounds decisions taken on the bench's cases").isPositive();
        assertThat(results).containsKey("wholeCasesPerSecond");
    }
}

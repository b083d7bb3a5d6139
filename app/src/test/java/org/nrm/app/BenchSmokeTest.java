package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        // the bench's table, as it prints it (kept on standard output as well)
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(new TeeOutputStream(out, printed), true, StandardCharsets.UTF_8));
        Map<String, Object> results;
        try {
            results = new Bench(Map.of(
                    "url", "http://localhost:" + port,
                    "jdbc", postgres.jdbcUrl("postgres"),
                    "baseline-jdbc", postgres.jdbcUrl("bench_baseline"),
                    "user", "postgres", "password", postgres.password(),
                    "clients", "2", "seconds", "1", "warmup", "1", "catchup", "true",
                    // a phase goes on past its second until it has samples: a busy machine cannot empty a figure
                    "min-samples", "2")).run();
        } finally {
            System.setOut(out);
        }

        for (String figure : new String[] {"intake", "intakeBaselineJdbc", "decisions", "decisionBaselineCamunda",
                "read_tasks", "read_queues", "read_statisticsQuarter", "read_inboxPage", "read_casePage"}) {
            Map<String, Object> values = (Map<String, Object>) results.get(figure);
            assertThat(values).as(figure).isNotNull();
            assertThat(((Number) values.get("count")).longValue()).as(figure + " count").isPositive();
        }
        assertThat(((Number) results.get("rebuildEventsPerSecond")).longValue()).isPositive();
        assertThat(results.get("rebuildMillisByStep")).as("the platform's bulk rebuild timed its steps").asString()
                .contains("stream, fold and copy").contains("switch");
        assertThat(((Number) results.get("buildBaselineJdbcEventsPerSecond")).longValue()).isPositive();
        assertThat((Map<String, Object>) results.get("projectionLag_case-views")).containsKey("p99Millis");
        assertThat(((Number) ((Map<String, Object>) results.get("projectionLag_case-views")).get("count")).longValue())
                .as("case-view events committed during the decisions").isPositive();
        assertThat(((Number) ((Map<String, Object>) results.get("decisionNextTaskVisibleInQueue")).get("count"))
                .longValue()).isPositive();
        assertThat(((Number) results.get("failedRequests")).longValue()).isZero();
        assertRatio(results, "intakeRatioToJdbcInsert", perSecond(results.get("intake")),
                perSecond(results.get("intakeBaselineJdbc")));
        assertRatio(results, "decisionsRatioToCamundaTask", perSecond(results.get("decisions")),
                perSecond(results.get("decisionBaselineCamunda")));
        assertRatio(results, "buildFromFirstEventRatioToJdbcStreaming",
                perSecond(results.get("buildFromFirstEventEventsPerSecond")),
                perSecond(results.get("buildBaselineJdbcEventsPerSecond")));
        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(table).as("the printed table names each ratio").contains("intakeRatioToJdbcInsert")
                .contains("decisionsRatioToCamundaTask").contains("buildFromFirstEventRatioToJdbcStreaming");
        assertStepCost((Map<String, Object>) results.get("intake"), "intake", 25, table);
        assertStepCost((Map<String, Object>) results.get("decisions"), "decisions", 50, table);
    }

    /** The figure's ratio to its same-run baseline, as printed: the two rates divided, to three decimals. */
    private static void assertRatio(Map<String, Object> results, String name, double figure, double baseline) {
        assertThat(baseline).as(name + ": the baseline was measured").isPositive();
        assertThat(((Number) results.get(name)).doubleValue()).as(name)
                .isCloseTo(figure / baseline, org.assertj.core.data.Offset.offset(0.0005));
    }

    private static double perSecond(Object value) {
        Object rate = value instanceof Map<?, ?> figure ? figure.get("perSecond") : value;
        return ((Number) rate).doubleValue();
    }

    /**
     * Issue #19's statement budget: statements (pg_stat_statements, which the embedded server preloads) and the
     * platform's CPU per referral and per decision, printed beside the throughput with the distance from the budget.
     * Only their plausibility is asserted (here the CPU includes the bench's own client, which runs in this JVM).
     */
    private static void assertStepCost(Map<String, Object> figure, String name, int budget, String table) {
        assertThat(figure).as(name).containsKeys("statementsPerStep", "writeStatementsPerStep",
                "platformCpuMillisPerStep", "statementBudget");
        double statements = ((Number) figure.get("statementsPerStep")).doubleValue();
        assertThat(statements).as(name + " statements per step").isPositive().isLessThan(100_000);
        assertThat(((Number) figure.get("writeStatementsPerStep")).doubleValue()).as(name + " writes per step")
                .isPositive().isLessThanOrEqualTo(statements);
        assertThat(((Number) figure.get("platformCpuMillisPerStep")).doubleValue()).as(name + " CPU per step")
                .isPositive().isLessThan(1_000_000);
        assertThat((String) figure.get("statementBudget")).as(name + " budget")
                .startsWith(String.format("%.1f per step vs <= %d: ", statements, budget))
                .containsPattern("(over|under) budget");
        assertThat(table).as("the printed table").contains("stmts/step").contains("cpu ms")
                .containsPattern("(?m)^" + name + " .*" + java.util.regex.Pattern.quote(
                        "statements " + figure.get("statementBudget")) + "$");
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

    /** Writes to both streams. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeOutputStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}

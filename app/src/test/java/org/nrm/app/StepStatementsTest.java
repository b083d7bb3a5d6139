package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PlatformTest;

/**
 * What one referral and one reasonable-grounds decision cost the database (issue #19's statement budget), counted by
 * pg_stat_statements (which the embedded server preloads) over a few steps taken one after the other, with nothing
 * else running but the platform's own background work (the job executor's polls, the tracking processors), which is
 * counted too. Prints the statements per step, grouped by statement, and holds each step to a ceiling: the figure
 * measured after issue #19's engine changes, with a margin for the background work, so a change that adds engine
 * work per step fails here.
 */
class StepStatementsTest extends PlatformTest {

    private static final int STEPS = 8;

    @Test
    void a_referral_and_a_decision_stay_within_their_measured_statement_counts() {
        // a first step of each kind warms the caches (deployments, the definitions the engine reads once)
        String warm = refer(referralOfAdult());
        decide(awaitTask("competent-authority", warm, "reasonable-grounds-decision"));
        awaitQuiet(List.of(warm));

        reset();
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            cases.add(refer(referralOfAdult()));
        }
        awaitQueued(cases, "reasonable-grounds-decision");
        double referral = report("referral");

        List<String> tasks = jdbc.queryForList("SELECT /* probe */ task_id FROM work_queue WHERE task_key = "
                + "'reasonable-grounds-decision' AND case_id = ANY(?)", String.class,
                (Object) cases.toArray(String[]::new));
        reset();
        tasks.forEach(this::decide);
        awaitQueued(cases, "shelter-placement");
        double decision = report("decision");

        assertThat(referral).as("statements per referral").isLessThanOrEqualTo(REFERRAL_CEILING);
        assertThat(decision).as("statements per decision").isLessThanOrEqualTo(DECISION_CEILING);
    }

    /**
     * Measured here on 2026-12-02: 77.1 and 151.1 before issue #19's engine changes, 43.5 and 87.5 after them (a
     * decision is its claim and its completion), 29.3 and 72.6 with the driver's multi-row inserts, the subject key
     * read once and the queue row written with the agency's involvement; 25.5 to 27.4 and 57.5 with a completion as
     * one engine command, no variable history, no lock for a new case and one read per aggregate (of which 6 to 9
     * per step are the background's: the processors' polls and token updates, which vary with timing). The ceilings
     * leave room for that noise, not for the engine's variable history, a second engine command per completion or
     * an aggregate read coming back. On 2026-12-03: 24.1 to 24.6 and 52.1 with the consent-required turn no longer a
     * boundary event (its subscription on every decision) and the decision tables kept parsed (no definition query
     * per evaluation); the decision's ceiling follows (62: the background's 6 to 9 above 52).
     */
    static final double REFERRAL_CEILING = 32;
    static final double DECISION_CEILING = 62;

    private void decide(String taskId) {
        assertThat(as("competent-authority").post("/api/tasks/" + taskId + "/claim", Map.of()).status())
                .isEqualTo(204);
        assertThat(as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account")).status()).isEqualTo(204);
    }

    private void awaitQueued(List<String> cases, String key) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                jdbc.queryForObject("SELECT /* probe */ count(*) FROM work_queue WHERE task_key = ? AND case_id = ANY(?)",
                        Integer.class, key, cases.toArray(String[]::new)) == cases.size());
        awaitQuiet(cases);
    }

    /** Until the cases' views hold their last events and no job is due. */
    private void awaitQuiet(List<String> cases) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                jdbc.queryForObject("SELECT /* probe */ count(*) FROM act_ru_job WHERE duedate_ IS NULL "
                        + "OR duedate_ <= now()", Integer.class) == 0
                        && jdbc.queryForObject("SELECT /* probe */ count(*) FROM case_view v WHERE case_id = ANY(?) "
                        + "AND last_event_index >= (SELECT max(globalindex) FROM domainevententry e "
                        + "WHERE e.aggregateidentifier = v.case_id)", Integer.class,
                        (Object) cases.toArray(String[]::new)) == cases.size());
    }

    private void reset() {
        jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        jdbc.execute("SELECT pg_stat_statements_reset()");
    }

    private double report(String step) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT /* probe */ calls, left(regexp_replace(query, "
                + "'\\s+', ' ', 'g'), 160) AS query FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database "
                + "WHERE datname = current_database()) AND query !~* '^\\s*(begin|commit|rollback|start transaction|"
                + "savepoint|release|set |show |discard|deallocate)' AND query !~* 'pg_stat_statements' "
                + "AND query !~ 'probe' ORDER BY calls DESC, query");
        long total = 0;
        StringBuilder printed = new StringBuilder();
        for (Map<String, Object> row : rows) {
            long calls = ((Number) row.get("calls")).longValue();
            total += calls;
            printed.append(String.format("%7.2f  %s%n", calls / (double) STEPS, row.get("query")));
        }
        double perStep = total / (double) STEPS;
        System.out.printf("%n== %s: %.1f statements per step ==%n%s", step, perStep, printed);
        return perStep;
    }
}

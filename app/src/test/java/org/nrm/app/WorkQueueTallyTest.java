package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PlatformTest;
import org.nrm.workflow.queue.QueueFigures;
import org.nrm.workflow.queue.WorkQueue;
import org.nrm.workflow.queue.WorkQueueTally;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The queue figures come from the tally the triggers keep (V16); here they are checked against the figures counted
 * from the queue itself, for an agency of its own, through inserts, claims, due-date changes, completions and folds.
 */
class WorkQueueTallyTest extends PlatformTest {

    private static final String AGENCY = "tally-test-agency";

    @Autowired
    WorkQueue queue;

    @Autowired
    WorkQueueTally tally;

    private void task(String id, String key, String assignee, boolean child, Instant created, Instant due) {
        jdbc.update("INSERT INTO work_queue (task_id, agency, case_id, task_key, name, created_at, due_at, assignee, "
                        + "child) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, AGENCY, "case-" + id, key, key,
                Timestamp.from(created), due == null ? null : Timestamp.from(due), assignee, child);
    }

    /** The figures as counted from the queue's rows (what the platform did before the tally). */
    private List<QueueFigures> counted(Instant now) {
        Map<String, List<Object[]>> rows = new TreeMap<>();
        jdbc.query("SELECT task_key, assignee, count(*) AS n, count(*) FILTER (WHERE due_at < ?) AS overdue, "
                + "min(created_at) AS oldest, count(*) FILTER (WHERE child) AS child_cases FROM work_queue "
                + "WHERE agency = ? GROUP BY task_key, assignee", rs -> {
                    rows.computeIfAbsent(rs.getString("task_key"), k -> new ArrayList<>()).add(new Object[] {
                            rs.getString("assignee"), rs.getInt("n"), rs.getInt("overdue"),
                            rs.getTimestamp("oldest").toInstant(), rs.getInt("child_cases")});
                }, Timestamp.from(now), AGENCY);
        List<QueueFigures> out = new ArrayList<>();
        rows.forEach((key, list) -> {
            int open = 0, overdue = 0, unassigned = 0, child = 0;
            Instant oldest = null;
            Map<String, Integer> perAssignee = new TreeMap<>();
            for (Object[] r : list) {
                open += (int) r[1];
                overdue += (int) r[2];
                child += (int) r[4];
                oldest = oldest == null || ((Instant) r[3]).isBefore(oldest) ? (Instant) r[3] : oldest;
                if (r[0] == null) {
                    unassigned += (int) r[1];
                } else {
                    perAssignee.put((String) r[0], (int) r[1]);
                }
            }
            out.add(new QueueFigures(AGENCY, key, open, overdue,
                    Math.max(0, Math.round(Duration.between(oldest, now).toMillis() / 36_000.0) / 100.0), unassigned,
                    child, perAssignee));
        });
        return out;
    }

    /**
     * Folds, and waits until no row of this agency's tally matches {@code condition}: the scheduled fold may hold the
     * advisory lock at that moment, and then it is that fold which takes the deltas.
     */
    private void foldedAll(String condition) {
        tally.fold();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            tally.fold();
            return jdbc.queryForObject("SELECT count(*) FROM work_queue_tally WHERE agency = ? AND " + condition,
                    Integer.class, AGENCY) == 0;
        });
    }

    private List<QueueFigures> fromTally(String agency, Instant now) {
        return queue.figures(agency, now).stream().filter(f -> AGENCY.equals(f.agency())).toList();
    }

    private void agree(Instant now) {
        List<QueueFigures> expected = counted(now);
        assertThat(fromTally(AGENCY, now)).isEqualTo(expected);
        assertThat(fromTally(null, now)).isEqualTo(expected);
    }

    @Test
    void figures_from_the_tally_match_the_queue_through_every_change_and_fold() {
        Instant now = Instant.now();
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        Instant earlierToday = today.plus(Duration.between(today, now).dividedBy(2));
        Instant laterToday = now.plus(Duration.between(now, today.plus(1, ChronoUnit.DAYS)).dividedBy(2));
        int n = 0;
        for (String key : List.of("tally-decision", "tally-placement")) {
            for (Instant due : new Instant[] {today.minus(3, ChronoUnit.DAYS), earlierToday, laterToday,
                    today.plus(2, ChronoUnit.DAYS), null}) {
                for (String assignee : new String[] {null, "worker-a", "worker-b"}) {
                    n++;
                    task("tally-" + n, key, assignee, n % 3 == 0, now.minus(n, ChronoUnit.HOURS), due);
                }
            }
        }
        assertThat(counted(now)).hasSize(2);
        assertThat(counted(now).get(0).overdue()).isEqualTo(6);
        agree(now);

        foldedAll("NOT compacted");
        agree(now);

        // claims, returns, a due date moved to yesterday and one to next week, completions, a child flag
        jdbc.update("UPDATE work_queue SET assignee = 'worker-c' WHERE task_id IN ('tally-1', 'tally-4')");
        jdbc.update("UPDATE work_queue SET assignee = NULL WHERE task_id = 'tally-2'");
        jdbc.update("UPDATE work_queue SET due_at = ? WHERE task_id = 'tally-13'",
                Timestamp.from(today.minus(1, ChronoUnit.DAYS)));
        jdbc.update("UPDATE work_queue SET due_at = ? WHERE task_id = 'tally-7'", Timestamp.from(now.plus(7, ChronoUnit.DAYS)));
        jdbc.update("UPDATE work_queue SET due_at = due_at WHERE agency = ?", AGENCY);
        jdbc.update("UPDATE work_queue SET child = TRUE WHERE task_id = 'tally-5'");
        jdbc.update("DELETE FROM work_queue WHERE task_id IN ('tally-30', 'tally-16', 'tally-17', 'tally-18')");
        agree(now);
        // a day later the tasks due later today are overdue too
        agree(now.plus(1, ChronoUnit.DAYS));

        tally.fold();
        agree(now);
        tally.fold();
        agree(now);

        // the last task of a key gone: the key leaves the figures, and the fold leaves no empty counts behind
        jdbc.update("DELETE FROM work_queue WHERE agency = ? AND task_key = 'tally-placement'", AGENCY);
        agree(now);
        assertThat(fromTally(AGENCY, now)).extracting(QueueFigures::key).containsExactly("tally-decision");
        foldedAll("n = 0");
        agree(now);
        jdbc.update("DELETE FROM work_queue WHERE agency = ?", AGENCY);
        assertThat(fromTally(AGENCY, now)).isEmpty();
    }
}

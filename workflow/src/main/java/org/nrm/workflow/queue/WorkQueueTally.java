package org.nrm.workflow.queue;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Folds the queue tally's deltas (+1/-1 rows written by the triggers of V16) into one compacted row per key, so the
 * figures sum a few hundred rows however busy the queues were. One statement: the deltas it deletes are exactly the
 * ones it adds up; deltas committed meanwhile stay for the next round. Of two nodes, only the one holding the
 * advisory lock folds at a time; the other's statement deletes nothing. (A data-modifying CTE runs to completion
 * whether or not the query reads it.)
 */
@Component
public class WorkQueueTally {

    /** pg advisory lock key for the fold ("nrm-wqt"). */
    private static final long LOCK = 0x6e726d2d777174L;

    private final JdbcTemplate jdbc;

    public WorkQueueTally(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Folds the deltas written so far; returns how many it folded. */
    @Scheduled(fixedDelayString = "${nrm.work-queue.tally-fold-millis:5000}")
    public int fold() {
        Integer folded = jdbc.queryForObject("""
                WITH lock AS (SELECT pg_try_advisory_xact_lock(?) AS held),
                gone AS (DELETE FROM work_queue_tally WHERE NOT compacted AND (SELECT held FROM lock)
                          RETURNING agency, task_key, assignee, child, due_day, n),
                sums AS (SELECT agency, task_key, assignee, child, due_day, sum(n) AS n FROM gone
                          GROUP BY agency, task_key, assignee, child, due_day),
                added AS (INSERT INTO work_queue_tally AS t (agency, task_key, assignee, child, due_day, n, compacted)
                          SELECT agency, task_key, assignee, child, due_day, n, TRUE FROM sums
                          ON CONFLICT (agency, task_key, assignee, child, due_day) WHERE compacted
                          DO UPDATE SET n = t.n + excluded.n)
                SELECT count(*)::int FROM gone""", Integer.class, LOCK);
        jdbc.update("DELETE FROM work_queue_tally WHERE compacted AND n = 0");
        return folded == null ? 0 : folded;
    }
}

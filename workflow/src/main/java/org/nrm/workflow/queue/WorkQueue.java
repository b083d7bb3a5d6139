package org.nrm.workflow.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.nrm.workflow.TaskKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the agencies' open tasks; child cases first, then by due date. */
@Component
public class WorkQueue {

    /** The columns {@link #map} reads, in this order. */
    private static final String COLUMNS =
            "task_id, case_id, task_key, name, agency, created_at, due_at, assignee, child, detail FROM work_queue";

    /** Narrows an agency's queue: a case, tasks due before a moment, child cases only, an assignee or unassigned. */
    public record Filter(String caseId, java.time.Instant dueBefore, boolean childOnly, String assignee) {
        public static final String UNASSIGNED = "unassigned";

        public static Filter none() {
            return new Filter(null, null, false, null);
        }
    }
    private static final String ORDER = " ORDER BY child DESC, due_at ASC NULLS LAST, created_at ASC LIMIT ?";

    private final JdbcTemplate jdbc;

    public WorkQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<QueuedTask> openTasks(String agency, int limit) {
        return openTasks(agency, Filter.none(), limit);
    }

    public List<QueuedTask> openTasks(String agency, String caseId, int limit) {
        return openTasks(agency, new Filter(caseId, null, false, null), limit);
    }

    public List<QueuedTask> openTasks(String agency, Filter filter, int limit) {
        StringBuilder where = new StringBuilder(" WHERE agency = ?");
        List<Object> args = new java.util.ArrayList<>(List.of(agency));
        if (filter.caseId() != null) {
            where.append(" AND case_id = ?");
            args.add(filter.caseId());
        }
        if (filter.dueBefore() != null) {
            where.append(" AND due_at < ?");
            args.add(Timestamp.from(filter.dueBefore()));
        }
        if (filter.childOnly()) {
            where.append(" AND child");
        }
        if (Filter.UNASSIGNED.equals(filter.assignee())) {
            where.append(" AND assignee IS NULL");
        } else if (filter.assignee() != null) {
            where.append(" AND assignee = ?");
            args.add(filter.assignee());
        }
        args.add(limit);
        return jdbc.query("SELECT " + COLUMNS + where + ORDER, WorkQueue::map, args.toArray());
    }

    /** How many open tasks of a key wait, per detail (for shelter placements: per shelter type). */
    public Map<String, Integer> waiting(TaskKey key) {
        Map<String, Integer> waiting = new java.util.TreeMap<>();
        jdbc.query("SELECT coalesce(detail, 'UNKNOWN') AS detail, count(DISTINCT task_id) AS n FROM work_queue "
                + "WHERE task_key = ? GROUP BY 1", rs -> {
                    waiting.put(rs.getString("detail"), rs.getInt("n"));
                }, key.key());
        return waiting;
    }

    /** Every open task of a case, whatever the agency. */
    public List<QueuedTask> openTasksOfCase(String caseId) {
        return jdbc.query("SELECT " + COLUMNS + " WHERE case_id = ? ORDER BY created_at", WorkQueue::map, caseId);
    }

    public boolean isInvolved(String caseId, String agency) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM case_involvement WHERE case_id = ? AND agency = ?",
                Integer.class, caseId, agency);
        return n != null && n > 0;
    }

    /**
     * Queue figures per agency and task key, at {@code now}: open tasks, overdue ones, the oldest task's age, and who
     * holds them. {@code agency} null gives every agency (oversight).
     *
     * <p>Read from the queue's tally (V16: counts per holder, child flag and due day), not from the queue itself: tasks
     * due before today are overdue by their day; today's are counted from the queue (the few due between midnight and
     * now); the oldest task comes from the first entry of an index. One statement, so all of it is one snapshot.
     */
    public List<QueueFigures> figures(String agency, java.time.Instant now) {
        java.time.Instant today = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        String where = agency == null ? "" : " WHERE agency = ?";
        List<Object> args = new java.util.ArrayList<>();
        args.add(java.sql.Date.valueOf(java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC)));
        if (agency != null) {
            args.add(agency);
        }
        args.add(Timestamp.from(today));
        args.add(Timestamp.from(now));
        var figures = new java.util.HashMap<List<String>, Tally>();
        jdbc.query("""
                WITH held AS (
                    SELECT agency, task_key, assignee, sum(n) AS n, coalesce(sum(n) FILTER (WHERE due_day < ?), 0) AS overdue,
                           coalesce(sum(n) FILTER (WHERE child), 0) AS child_cases
                      FROM work_queue_tally""" + where + """
                     GROUP BY agency, task_key, assignee HAVING sum(n) <> 0),
                keys AS (SELECT DISTINCT agency, task_key FROM held)
                SELECT held.*, k.oldest, k.overdue_today FROM held JOIN (
                    SELECT agency, task_key,
                           (SELECT min(created_at) FROM work_queue w
                             WHERE w.agency = keys.agency AND w.task_key = keys.task_key) AS oldest,
                           (SELECT count(*) FROM work_queue w WHERE w.agency = keys.agency AND w.task_key = keys.task_key
                               AND w.due_at >= ? AND w.due_at < ?) AS overdue_today
                      FROM keys) k USING (agency, task_key)""",
                rs -> {
                    String queueAgency = rs.getString("agency");
                    String taskKey = rs.getString("task_key");
                    Tally tally = figures.computeIfAbsent(List.of(queueAgency, taskKey),
                            k -> new Tally(queueAgency, taskKey));
                    int n = rs.getInt("n");
                    tally.open += n;
                    tally.overdue += rs.getInt("overdue");
                    tally.overdueToday = rs.getInt("overdue_today");
                    tally.childCases += rs.getInt("child_cases");
                    Timestamp oldest = rs.getTimestamp("oldest");
                    tally.oldest = oldest == null ? now : oldest.toInstant();
                    String assignee = rs.getString("assignee");
                    if (assignee.isEmpty()) {
                        tally.unassigned += n;
                    } else {
                        tally.perAssignee.put(assignee, n);
                    }
                }, args.toArray());
        return figures.values().stream()
                .sorted(java.util.Comparator.<Tally, String>comparing(t -> t.agency).thenComparing(t -> t.taskKey))
                .map(t -> new QueueFigures(t.agency, t.taskKey, t.open, t.overdue + t.overdueToday,
                        Math.max(0, Math.round(java.time.Duration.between(t.oldest, now).toMillis() / 36_000.0) / 100.0),
                        t.unassigned, t.childCases, t.perAssignee))
                .toList();
    }

    /** The running figures of one agency's task key while the queue is read. */
    private static final class Tally {
        private final String agency;
        private final String taskKey;
        private int open;
        private int overdue;
        private int overdueToday;
        private int unassigned;
        private int childCases;
        private Instant oldest;
        private final Map<String, Integer> perAssignee = new java.util.TreeMap<>();

        private Tally(String agency, String taskKey) {
            this.agency = agency;
            this.taskKey = taskKey;
        }
    }

    /** The cases an agency is involved in, most recently involved first. */
    public List<String> casesInvolving(String agency, int limit) {
        return jdbc.queryForList("SELECT case_id FROM case_involvement WHERE agency = ? ORDER BY since DESC, case_id "
                + "LIMIT ?", String.class, agency, limit);
    }

    /** The agencies involved in a case, in the order they became involved. */
    public List<String> involvedAgencies(String caseId) {
        return jdbc.queryForList("SELECT agency FROM case_involvement WHERE case_id = ? ORDER BY since, agency",
                String.class, caseId);
    }

    public void recordInvolvement(String caseId, String agency, Instant since, String reason) {
        jdbc.update("INSERT INTO case_involvement (case_id, agency, since, reason) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (case_id, agency) DO NOTHING", caseId, agency, Timestamp.from(since), reason);
    }

    /** Reads a row of {@link #COLUMNS} by position (a queue is hundreds of rows; by name, each column is a lookup). */
    private static QueuedTask map(ResultSet rs, int row) throws SQLException {
        Timestamp due = rs.getTimestamp(7);
        return new QueuedTask(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), due == null ? null : due.toInstant(), rs.getString(8),
                rs.getBoolean(9), rs.getString(10));
    }
}

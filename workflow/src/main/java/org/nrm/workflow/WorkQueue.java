package org.nrm.workflow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the agencies' open tasks; child cases first, then by due date. */
@Component
public class WorkQueue {

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
     */
    public List<QueueFigures> figures(String agency, java.time.Instant now) {
        Timestamp at = Timestamp.from(now);
        String where = agency == null ? "" : " WHERE agency = ?";
        Object[] args = agency == null ? new Object[] {at} : new Object[] {at, agency};
        // one reading of the queue, per holder; the figures per agency and task key are summed from it
        var figures = new java.util.HashMap<List<String>, Tally>();
        jdbc.query("SELECT agency, task_key, assignee, count(*) AS n, count(*) FILTER (WHERE due_at < ?) AS overdue,"
                        + " min(created_at) AS oldest, count(*) FILTER (WHERE child) AS child_cases"
                        + " FROM work_queue" + where + " GROUP BY agency, task_key, assignee",
                rs -> {
                    String queueAgency = rs.getString("agency");
                    String taskKey = rs.getString("task_key");
                    Tally tally = figures.computeIfAbsent(List.of(queueAgency, taskKey),
                            k -> new Tally(queueAgency, taskKey));
                    int n = rs.getInt("n");
                    tally.open += n;
                    tally.overdue += rs.getInt("overdue");
                    tally.childCases += rs.getInt("child_cases");
                    Instant oldest = rs.getTimestamp("oldest").toInstant();
                    tally.oldest = tally.oldest == null || oldest.isBefore(tally.oldest) ? oldest : tally.oldest;
                    if (rs.getString("assignee") == null) {
                        tally.unassigned += n;
                    } else {
                        tally.perAssignee.put(rs.getString("assignee"), n);
                    }
                }, args);
        return figures.values().stream()
                .sorted(java.util.Comparator.<Tally, String>comparing(t -> t.agency).thenComparing(t -> t.taskKey))
                .map(t -> new QueueFigures(t.agency, t.taskKey, t.open, t.overdue,
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
        private int unassigned;
        private int childCases;
        private Instant oldest;
        private final Map<String, Integer> perAssignee = new java.util.TreeMap<>();

        private Tally(String agency, String taskKey) {
            this.agency = agency;
            this.taskKey = taskKey;
        }
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

    private static QueuedTask map(ResultSet rs, int row) throws SQLException {
        Timestamp due = rs.getTimestamp("due_at");
        return new QueuedTask(rs.getString("task_id"), rs.getString("case_id"), rs.getString("task_key"),
                rs.getString("name"), rs.getString("agency"), rs.getTimestamp("created_at").toInstant(),
                due == null ? null : due.toInstant(), rs.getString("assignee"), rs.getBoolean("child"),
                rs.getString("detail"));
    }
}

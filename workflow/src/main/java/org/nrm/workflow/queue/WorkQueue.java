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
    public record Filter(String caseId, java.time.Instant dueBefore, boolean childOnly, String assignee, String key) {
        public static final String UNASSIGNED = "unassigned";

        public Filter(String caseId, java.time.Instant dueBefore, boolean childOnly, String assignee) {
            this(caseId, dueBefore, childOnly, assignee, null);
        }

        public static Filter none() {
            return new Filter(null, null, false, null);
        }
    }
    /**
     * The queue's order within one value of {@code child} (child cases come first): due date (none last), then
     * creation, then the task id, so that every position is unique and a page can start after one (V100's index).
     */
    private static final String DUE = "coalesce(due_at, 'infinity'::timestamptz)";
    private static final String ORDER = " ORDER BY " + DUE + ", created_at, task_id LIMIT ?";
    private static final String REVERSE = " ORDER BY " + DUE + " DESC, created_at DESC, task_id DESC LIMIT ?";

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
        return page(agency, filter, null, limit).tasks();
    }

    /**
     * One page of an agency's queue: up to {@code limit} tasks after {@code after} (from the start when null), in the
     * queue's order, and the position to read the next page from (null on the last page). Each page is one or two
     * index range scans (child cases, then the others), however long the queue.
     */
    public Page page(String agency, Filter filter, Cursor after, int limit) {
        List<QueuedTask> tasks = new java.util.ArrayList<>(Math.min(limit, 1000) + 1);
        if (after == null || after.child()) {
            tasks.addAll(scan(agency, filter, true, after, limit + 1, false));
        }
        if (!filter.childOnly() && tasks.size() <= limit) {
            tasks.addAll(scan(agency, filter, false, after != null && !after.child() ? after : null,
                    limit + 1 - tasks.size(), false));
        }
        Cursor previous = after == null || tasks.isEmpty() ? null : Cursor.of(tasks.get(0));
        if (tasks.size() <= limit) {
            return new Page(tasks, null, previous);
        }
        List<QueuedTask> shown = List.copyOf(tasks.subList(0, limit));
        return new Page(shown, Cursor.of(shown.get(limit - 1)), previous);
    }

    /**
     * The page that ends just before {@code before} (for a "previous" link): up to {@code limit} tasks in the
     * queue's order; when fewer than a page precede it, the first page.
     */
    public Page pageBefore(String agency, Filter filter, Cursor before, int limit) {
        List<QueuedTask> reversed = new java.util.ArrayList<>();
        if (!before.child() && !filter.childOnly()) {
            reversed.addAll(scan(agency, filter, false, before, limit + 1, true));
        }
        if (reversed.size() <= limit) {
            reversed.addAll(scan(agency, filter, true, before.child() ? before : null, limit + 1 - reversed.size(),
                    true));
        }
        if (reversed.size() <= limit) {
            return page(agency, filter, null, limit);
        }
        List<QueuedTask> shown = new java.util.ArrayList<>(reversed.subList(0, limit));
        java.util.Collections.reverse(shown);
        return new Page(List.copyOf(shown), Cursor.of(shown.get(limit - 1)), Cursor.of(shown.get(0)));
    }

    /**
     * A page of the queue, where the next one starts (null: this is the last) and the position the previous one ends
     * before (null: this is the first).
     */
    public record Page(List<QueuedTask> tasks, Cursor next, Cursor previous) {
    }

    /**
     * A position in an agency's queue (the last task of a page): its child flag, due date, creation and id. Written
     * as an opaque URL-safe token ({@link #token()}); {@link #parse} refuses anything it did not write.
     */
    public record Cursor(boolean child, Instant dueAt, Instant createdAt, String taskId) {

        public static Cursor of(QueuedTask task) {
            return new Cursor(task.child(), task.dueAt(), task.createdAt(), task.taskId());
        }

        public String token() {
            String text = (child ? "1" : "0") + "|" + (dueAt == null ? "-" : dueAt.toString()) + "|" + createdAt
                    + "|" + taskId;
            return java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** The position a token names; {@link IllegalArgumentException} when it is not one {@link #token()} wrote. */
        public static Cursor parse(String token) {
            try {
                String text = new String(java.util.Base64.getUrlDecoder().decode(token),
                        java.nio.charset.StandardCharsets.UTF_8);
                String[] parts = text.split("\\|", 4);
                if (parts.length != 4 || !(parts[0].equals("0") || parts[0].equals("1")) || parts[3].isEmpty()) {
                    throw new IllegalArgumentException("not a queue position");
                }
                Cursor cursor = new Cursor(parts[0].equals("1"), parts[1].equals("-") ? null : Instant.parse(parts[1]),
                        Instant.parse(parts[2]), parts[3]);
                if ((cursor.dueAt != null && !storable(cursor.dueAt)) || !storable(cursor.createdAt)
                        || cursor.taskId.length() > 64 || cursor.taskId.chars().anyMatch(Character::isISOControl)) {
                    throw new IllegalArgumentException("not a queue position");
                }
                return cursor;
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("not a queue position", e);
            }
        }

        /** Whether the queue could hold the instant: a token with one it never wrote is not a position in it. */
        private static boolean storable(Instant instant) {
            return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
        }

        private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
        private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    }

    /** One value of the child flag, after (or, {@code backwards}, before) a position, in order (or reversed). */
    private List<QueuedTask> scan(String agency, Filter filter, boolean child, Cursor after, int limit,
                                  boolean backwards) {
        StringBuilder where = new StringBuilder(" WHERE agency = ? AND child = ?");
        List<Object> args = new java.util.ArrayList<>(List.of(agency, child));
        if (filter.caseId() != null) {
            where.append(" AND case_id = ?");
            args.add(filter.caseId());
        }
        if (filter.dueBefore() != null) {
            where.append(" AND due_at < ?");
            args.add(Timestamp.from(filter.dueBefore()));
        }
        if (Filter.UNASSIGNED.equals(filter.assignee())) {
            where.append(" AND assignee IS NULL");
        } else if (filter.assignee() != null) {
            where.append(" AND assignee = ?");
            args.add(filter.assignee());
        }
        if (filter.key() != null) {
            where.append(" AND task_key = ?");
            args.add(filter.key());
        }
        String beyond = backwards ? " < " : " > ";
        if (after != null && after.dueAt() == null && !backwards) {
            // after a task without due date: only tasks without one remain (they sort last)
            where.append(" AND due_at IS NULL AND (created_at, task_id) > (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.taskId());
        } else if (after != null && after.dueAt() == null) {
            // before a task without due date: every task with one, and those without created before it
            where.append(" AND (due_at IS NOT NULL OR (created_at, task_id) < (?, ?))");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.taskId());
        } else if (after != null) {
            where.append(" AND (" + DUE + ", created_at, task_id)" + beyond + "(?, ?, ?)");
            args.add(Timestamp.from(after.dueAt()));
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.taskId());
        }
        args.add(limit);
        return jdbc.query("SELECT " + COLUMNS + where + (backwards ? REVERSE : ORDER), WorkQueue::map,
                args.toArray());
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

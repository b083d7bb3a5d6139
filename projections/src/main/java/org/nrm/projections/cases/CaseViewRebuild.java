package org.nrm.projections.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.nrm.projections.PersonalDataWithheld;
import org.nrm.referral.api.ExploitationDetails;
import org.nrm.referral.model.CaseState;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the case views from the first event in bulk, while the live views keep serving reads (and keep being
 * updated) until the switch:
 * <ol>
 *   <li>one read-only snapshot of the event store (REPEATABLE READ, exported to the workers) streams every event that
 *   concerns a case, case by case ({@code ORDER BY case_id, globalindex}, the store's case index), with plain JDBC, in
 *   a few ranges of {@code case_id} at once;</li>
 *   <li>each case's events are folded in memory by the domain's fold ({@link CaseState}), their personal data withheld
 *   (nothing decrypted: no view holds personal data);</li>
 *   <li>the rows go with {@code COPY} into new tables without indexes ({@code case_view_next}, ...), the indexes and
 *   keys of the live tables are built after, then {@code ANALYZE};</li>
 *   <li>the switch, in one transaction with the case views' processor stopped: the new tables take the live tables'
 *   names (and their indexes' names), and each segment of the processor gets a token at the snapshot's position
 *   (with the snapshot's gaps), so it goes on from there: events stored since are applied to the new views, once
 *   (idempotency per aggregate, {@code case_view_applied}).</li>
 * </ol>
 * What a row holds is what {@link CaseViewProjection} writes event by event (the replay test holds the two equal).
 */
@Component
public class CaseViewRebuild {

    private static final Logger log = LoggerFactory.getLogger(CaseViewRebuild.class);

    /** The tables of the case views, rebuilt together. */
    /** The case views' index by referral date (V4), the order the bulk rebuild writes them on disk in. */
    static final String REFERRAL_ORDER = "case_view_referred_at";

    static final List<String> TABLES = List.of("case_view", "case_view_applied", "reconsideration_fact",
            "deadline_breach_fact");

    private static final String CASE_VIEW_COLUMNS = String.join(", ", "case_id", "reference", "stage", "child",
            "foreign_national", "needs_accommodation", "referring_agency", "referred_at", "reasonable_grounds",
            "reasonable_grounds_due_at", "reasonable_grounds_decided_at", "recovery_period_started_at",
            "recovery_period_minimum_ends_at", "updated_at", "exploitation_types", "exploitation_location",
            "anonymous_notification", "last_event_index", "gender", "age_group", "nationality", "guardian_appointed",
            "recovery_period_ends_at", "recovery_period_ended_at", "conclusive_grounds",
            "conclusive_grounds_decided_at", "reconsideration_window_ends_at", "reconsideration_pending",
            "move_on_support_ends_at", "disqualified", "durable_solution", "shelter_id", "accommodation_declined",
            "permit_status", "permit_valid_until", "return_status", "deadline_breaches", "closure_category",
            "closed_at", "indicators", "identification_updated_at", "identification_updated_by",
            "border_crossing_documents", "move_on_support_ended_at", "guardian_replacements", "languages", "consent",
            "exploitation_details", "returning_national", "decision_abroad", "handover_imported", "arrival_met_at",
            "reintegration_follow_ups", "handovers_exported", "last_handover_exported_at");

    /** Gaps further behind the snapshot's last event than this are left out of the token (Axon's default window). */
    private static final long GAP_WINDOW = 10_000;

    /** What one rebuild did: events folded, cases written, and where the time went (milliseconds). */
    public record Result(long events, long cases, long snapshotIndex, Map<String, Long> millis) {
        public double eventsPerSecond() {
            long total = millis.values().stream().mapToLong(Long::longValue).sum();
            return total == 0 ? events : events * 1000.0 / total;
        }
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final StoredEvents stored;
    private final EventProcessingConfiguration processing;
    private final TransactionTemplate transactions;
    /** Ranges of cases streamed, folded and copied at once (each on three connections of the pool). */
    private final int workers;
    /** The simple names of the events the case views show a step for (their handlers in CaseViewProjection). */
    private final Set<String> shown = new HashSet<>();

    public CaseViewRebuild(DataSource dataSource, JdbcTemplate jdbc, StoredEvents stored,
                           EventProcessingConfiguration processing, PlatformTransactionManager transactions,
                           @Value("${nrm.projections.rebuild-workers:2}") int workers) {
        if (workers < 1 || workers > 16) {
            throw new IllegalArgumentException("nrm.projections.rebuild-workers must be 1 to 16, not " + workers);
        }
        this.workers = workers;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.stored = stored;
        this.processing = processing;
        this.transactions = new TransactionTemplate(transactions);
        for (var method : CaseViewProjection.class.getDeclaredMethods()) {
            if (method.isAnnotationPresent(EventHandler.class)) {
                shown.add(method.getParameterTypes()[0].getName());
            }
        }
    }

    /** Rebuilds the case views and switches reads and the processor over to them; returns what it did. */
    public Result rebuild() {
        Map<String, Long> millis = new LinkedHashMap<>();
        long t = System.nanoTime();
        createNextTables();
        t = lap(millis, "create", t);
        long[] counts;
        Snapshot snapshot;
        try (Connection read = dataSource.getConnection()) {
            readOnlySnapshot(read);
            snapshot = snapshot(read);
            String exported;
            try (Statement s = read.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                exported = rs.getString(1);
            }
            counts = streamAndCopyInRanges(exported);
            read.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Rebuilding the case views failed: " + e.getMessage(), e);
        }
        t = lap(millis, "stream, fold and copy", t);
        buildIndexes();
        t = lap(millis, "indexes and analyze", t);
        switchOver(snapshot);
        lap(millis, "switch", t);
        Result result = new Result(counts[0], counts[1], snapshot.index, millis);
        log.info("Case views rebuilt in bulk: {} events of {} cases up to index {} ({} events/s; ms: {})",
                result.events(), result.cases(), result.snapshotIndex(), Math.round(result.eventsPerSecond()), millis);
        return result;
    }

    /** Drops what a failed rebuild left behind. */
    public void abandon() {
        for (String table : TABLES) {
            jdbc.execute("DROP TABLE IF EXISTS " + table + "_next");
        }
    }

    private static long lap(Map<String, Long> millis, String step, long since) {
        long now = System.nanoTime();
        millis.put(step, (now - since) / 1_000_000);
        return now;
    }

    private void createNextTables() {
        abandon();
        for (String table : TABLES) {
            // no indexes yet (built after the rows are in), the live table's columns, defaults and checks
            jdbc.execute("CREATE TABLE " + table + "_next (LIKE " + table
                    + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED)");
        }
    }

    private record Snapshot(long index, List<Long> gaps) {
    }

    /** The snapshot's last event and the gaps below it (events not yet committed, or rolled back). */
    private static Snapshot snapshot(Connection read) throws SQLException {
        long max;
        try (Statement s = read.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(globalindex), -1) FROM domainevententry")) {
            rs.next();
            max = rs.getLong(1);
        }
        List<Long> gaps = new ArrayList<>();
        try (var s = read.prepareStatement(
                "SELECT globalindex FROM domainevententry WHERE globalindex > ? ORDER BY globalindex")) {
            long from = Math.max(-1, max - GAP_WINDOW);
            s.setLong(1, from);
            try (ResultSet rs = s.executeQuery()) {
                long expected = from + 1;
                while (rs.next()) {
                    long index = rs.getLong(1);
                    for (long gap = Math.max(expected, 0); gap < index; gap++) {
                        gaps.add(gap);
                    }
                    expected = index + 1;
                }
            }
        }
        return new Snapshot(max, gaps);
    }

    /**
     * The store's cases split into {@link #workers} ranges of {@code case_id} (case ids are UUIDs, so the first hex
     * digit splits them evenly; any other id still falls in exactly one range), each streamed, folded and copied on a
     * thread and connections of its own, all in the one snapshot the leader exported: the fold of one range overlaps
     * the server's read and ingestion of the others. Returns {events, cases}.
     */
    private long[] streamAndCopyInRanges(String exportedSnapshot) {
        List<String[]> ranges = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            ranges.add(new String[] {i == 0 ? null : Integer.toHexString(16 * i / workers),
                    i == workers - 1 ? null : Integer.toHexString(16 * (i + 1) / workers)});
        }
        long[] total = new long[2];
        for (long[] counts : inParallel("case-view-rebuild", ranges.stream().<Callable<long[]>>map(range -> () ->
                PersonalDataWithheld.during(() -> streamAndCopy(exportedSnapshot, range[0], range[1]))).toList())) {
            total[0] += counts[0];
            total[1] += counts[1];
        }
        return total;
    }

    /**
     * Runs {@code work} on {@link #workers} threads of its own and returns each one's result, in order, once all have
     * ended; the first failure is thrown with the others suppressed in it.
     */
    private <T> List<T> inParallel(String threadName, List<Callable<T>> work) {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> running = work.stream().map(pool::submit).toList();
            List<T> results = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<T> one : running) {
                try {
                    results.add(one.get());
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("Rebuilding the case views failed: "
                                    + e.getCause().getMessage(), e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Rebuilding the case views was interrupted", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code connection} reads in one read-only REPEATABLE READ transaction (a snapshot of the store). */
    private static void readOnlySnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
    }

    /** One range of cases ({@code from} inclusive, {@code to} exclusive, null unbounded) in the exported snapshot. */
    private long[] streamAndCopy(String exportedSnapshot, String from, String to) throws SQLException {
        try (Connection read = dataSource.getConnection();
             Connection views = dataSource.getConnection();
             Connection applied = dataSource.getConnection()) {
            readOnlySnapshot(read);
            try (Statement s = read.createStatement()) {
                s.execute("SET TRANSACTION SNAPSHOT '" + exportedSnapshot.replace("'", "") + "'");
            }
            long[] counts = streamAndCopy(read, views, applied, from, to);
            read.commit();
            return counts;
        }
    }

    /** Streams the range case by case, folds each case and copies its rows; returns {events, cases}. */
    private long[] streamAndCopy(Connection read, Connection views, Connection applied, String from, String to)
            throws SQLException {
        CopyIn viewCopy = copy(views, "COPY case_view_next (" + CASE_VIEW_COLUMNS + ") FROM STDIN");
        CopyIn appliedCopy = copy(applied,
                "COPY case_view_applied_next (case_id, aggregate_id, last_sequence) FROM STDIN");
        try {
            return streamAndCopy(read, views, viewCopy, appliedCopy, from, to);
        } catch (RuntimeException | SQLException e) {
            // a COPY left open would hold its connection (and the new table's lock) for ever
            for (CopyIn copy : List.of(viewCopy, appliedCopy)) {
                if (copy.isActive()) {
                    try {
                        copy.cancelCopy();
                    } catch (SQLException cancelled) {
                        e.addSuppressed(cancelled);
                    }
                }
            }
            throw e;
        }
    }

    private long[] streamAndCopy(Connection read, Connection views, CopyIn viewCopy, CopyIn appliedCopy,
                                 String from, String to) throws SQLException {
        Rows viewRows = new Rows(viewCopy);
        Rows appliedRows = new Rows(appliedCopy);
        StringBuilder reconsiderations = new StringBuilder();
        StringBuilder breaches = new StringBuilder();
        long events = 0;
        long cases = 0;
        try (var s = read.prepareStatement("SELECT case_id, globalindex, aggregateidentifier, sequencenumber, "
                + "payloadtype, payload, metadata FROM domainevententry WHERE case_id IS NOT NULL "
                + (from == null ? "" : "AND case_id >= ? ") + (to == null ? "" : "AND case_id < ? ")
                + "ORDER BY case_id, globalindex")) {
            int parameter = 1;
            if (from != null) {
                s.setString(parameter++, from);
            }
            if (to != null) {
                s.setString(parameter, to);
            }
            // prepared on the server at its first execution, so the payloads come in binary, not as hex text (this
            // statement only: the pooled connection keeps its settings)
            s.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                Fold fold = null;
                while (rs.next()) {
                    String caseId = rs.getString(1);
                    if (fold == null || !fold.caseId.equals(caseId)) {
                        if (fold != null) {
                            fold.write(viewRows, appliedRows, reconsiderations, breaches);
                            cases++;
                        }
                        fold = new Fold(caseId);
                    }
                    String type = rs.getString(5);
                    Object event = stored.withheld(type, rs.getBytes(6));
                    events++;
                    if (event == null) {
                        continue;
                    }
                    long index = rs.getLong(2);
                    long sequence = rs.getLong(4);
                    boolean shows = shown.contains(type);
                    fold.state.apply(event, sequence, type.endsWith(".IdentificationUpdated")
                            ? stored.actor(rs.getBytes(7)) : null);
                    if (shows) {
                        fold.applied.merge(rs.getString(3), sequence, Math::max);
                        if (fold.state.opened()) {
                            fold.lastIndex = Math.max(fold.lastIndex, index);
                        }
                    }
                }
                if (fold != null) {
                    fold.write(viewRows, appliedRows, reconsiderations, breaches);
                    cases++;
                }
            }
        }
        viewRows.end();
        appliedRows.end();
        copyAll(views, "COPY reconsideration_fact_next (case_id, requested_at, decision, ground, requesting_agency, "
                + "outcome, decided_at) FROM STDIN", reconsiderations);
        copyAll(views, "COPY deadline_breach_fact_next (case_id, task_key, due_at, recorded_at) FROM STDIN", breaches);
        return new long[] {events, cases};
    }

    private static CopyIn copy(Connection connection, String sql) throws SQLException {
        return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    }

    private static void copyAll(Connection connection, String sql, StringBuilder rows) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(sql, new java.io.StringReader(rows.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One case being folded. */
    private static final class Fold {
        final String caseId;
        final CaseState state = new CaseState();
        final Map<String, Long> applied = new HashMap<>(4);
        long lastIndex = -1;

        Fold(String caseId) {
            this.caseId = caseId;
        }

        void write(Rows views, Rows applied, StringBuilder reconsiderations, StringBuilder breaches) {
            for (var entry : this.applied.entrySet()) {
                applied.row(caseId, entry.getKey(), entry.getValue());
            }
            for (var r : state.reconsiderations()) {
                Rows.line(reconsiderations, caseId, r.requestedAt(), r.decision(), r.ground(), r.requestingAgency(),
                        r.outcome(), r.decidedAt());
            }
            for (var b : state.deadlineBreachFacts()) {
                Rows.line(breaches, caseId, b.taskKey(), b.dueAt(), b.recordedAt());
            }
            if (!state.opened()) {
                return;
            }
            CaseState s = state;
            var profile = s.profile();
            var exploitation = s.exploitation();
            ExploitationDetails details = s.exploitationDetails();
            views.row(caseId, s.reference(), s.stage(), s.child(), s.foreignNational(), s.needsAccommodation(),
                    s.referringAgency(), s.referredAt(), s.reasonableGroundsDecidedHere(), s.reasonableGroundsDueAt(),
                    s.reasonableGroundsDecidedAt(), s.recoveryPeriodStartedAt(), s.recoveryPeriodMinimumEndsAt(),
                    s.updatedAt(), exploitation == null ? List.of() : sorted(exploitation.types()),
                    exploitation == null ? null : exploitation.location(), s.anonymousNotification(), lastIndex,
                    profile.gender(), s.ageGroup(),
                    profile.citizenships().isEmpty() ? null : profile.citizenships().get(0), s.guardianAppointed(),
                    s.recoveryPeriodEndsAt(), s.recoveryPeriodEndedAt(), s.conclusiveGroundsDecidedHere(),
                    s.conclusiveGroundsDecidedAt(), s.reconsiderationWindowEndsAt(), s.reconsiderationPending(),
                    s.moveOnSupportEndsAt(), s.disqualified(), s.durableSolution(), s.shelterId(),
                    s.accommodationDeclined(), s.permitStatus(), s.permitValidUntil(), s.returnStatus(),
                    s.deadlineBreaches(), s.closureCategory(), s.closedAt(),
                    exploitation == null ? List.of() : sorted(exploitation.indicators()),
                    s.identificationUpdatedAt(), s.identificationUpdatedBy(), s.borderCrossingDocuments(),
                    s.moveOnSupportEndedAt(), s.guardianReplacements(), profile.languages(), s.consentShown(),
                    details == null || details.equals(ExploitationDetails.NONE) ? null
                            : CaseViewProjection.json(details),
                    s.returningNational(), s.decisionAbroad() == null ? null
                            : CaseViewProjection.decisionAbroadJson(s.decisionAbroad()),
                    s.handoverImported(), s.arrivalMetAt(), s.reintegrationFollowUps(), s.handoversExported(),
                    s.lastHandoverExportedAt());
        }

        private static List<String> sorted(Collection<? extends Enum<?>> values) {
            return values.stream().map(Enum::name).sorted().toList();
        }
    }

    /**
     * Rows in COPY's text format, sent to the server in blocks of 256 KiB as they are made: a tab between values,
     * {@code \N} for null, arrays as {@code {a,b}}.
     */
    static final class Rows {
        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(300_000);

        Rows(CopyIn copy) {
            this.copy = copy;
        }

        void row(Object... values) {
            line(buffer, values);
            if (buffer.length() > 256 * 1024) {
                flush();
            }
        }

        private void flush() {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
            }
            buffer.setLength(0);
        }

        void end() throws SQLException {
            flush();
            copy.endCopy();
        }

        static void line(StringBuilder out, Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.append('\t');
                }
                value(out, values[i]);
            }
            out.append('\n');
        }

        private static void value(StringBuilder out, Object value) {
            if (value == null) {
                out.append("\\N");
            } else if (value instanceof Boolean b) {
                out.append(b ? 't' : 'f');
            } else if (value instanceof Enum<?> e) {
                out.append(e.name());
            } else if (value instanceof Collection<?> list) {
                StringBuilder array = new StringBuilder("{");
                boolean first = true;
                for (Object element : list) {
                    if (!first) {
                        array.append(',');
                    }
                    first = false;
                    array.append('"');
                    for (char c : String.valueOf(element).toCharArray()) {
                        if (c == '"' || c == '\\') {
                            array.append('\\');
                        }
                        array.append(c);
                    }
                    array.append('"');
                }
                escaped(out, array.append('}'));
            } else {
                escaped(out, value instanceof Instant instant ? toMicros(instant).toString() : value.toString());
            }
        }

        private static void escaped(StringBuilder out, CharSequence text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
        }
    }

    /**
     * The live tables' keys and indexes, built on the new tables under names of their own (renamed at the switch):
     * every index (a key's too, as a unique index the key then adopts) on {@link #workers} connections at once, since
     * building indexes of one table only takes a share lock; then the keys, then {@code ANALYZE}. The case views are
     * first put in referral order ({@code CLUSTER} on their referral-date index, built before the others).
     */
    private void buildIndexes() {
        List<String> indexes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String table : TABLES) {
            for (Map<String, Object> c : jdbc.queryForList("""
                    SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
                     WHERE conrelid = ?::regclass AND contype IN ('p', 'u')""", table)) {
                String name = next(c.get("conname"));
                String def = (String) c.get("def");
                var key = java.util.regex.Pattern.compile("^(PRIMARY KEY|UNIQUE) (\\(.*\\))$").matcher(def);
                if (key.matches()) {
                    indexes.add("CREATE UNIQUE INDEX " + name + " ON " + table + "_next " + key.group(2));
                    keys.add("ALTER TABLE " + table + "_next ADD CONSTRAINT " + name + " " + key.group(1)
                            + " USING INDEX " + name);
                } else {
                    keys.add("ALTER TABLE " + table + "_next ADD CONSTRAINT " + name + " " + def);
                }
            }
            for (Map<String, Object> index : jdbc.queryForList("""
                    SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def FROM pg_index x
                      JOIN pg_class i ON i.oid = x.indexrelid
                     WHERE x.indrelid = ?::regclass
                       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)""", table)) {
                String def = (String) index.get("def");
                String name = (String) index.get("name");
                indexes.add(def.replaceFirst("INDEX " + java.util.regex.Pattern.quote(name) + " ON ",
                                "INDEX " + next(name) + " ON ")
                        .replaceFirst(" ON (public\\.)?" + table + " ", " ON " + table + "_next "));
            }
        }
        // the case views in referral order on disk, as the live table grows (a referral appends its row): the
        // ranges' rows arrive in case-id order, two ranges at once, and a quarter's statistics then read its cases
        // from nearly as many heap pages as it has cases (21,000 cases on 17,800 pages at a million cases)
        String byReferral = indexes.stream().filter(sql -> sql.contains(" " + next(REFERRAL_ORDER) + " ON "))
                .findFirst().orElse(null);
        if (byReferral != null) {
            jdbc.execute(byReferral);
            jdbc.execute("CLUSTER case_view_next USING " + next(REFERRAL_ORDER));
            indexes.remove(byReferral);
        }
        // the live tables' order (case_view first): the largest table's indexes start first
        inParallel("case-view-rebuild-index", indexes.stream().<Callable<Object>>map(sql -> () -> {
            jdbc.execute(sql);
            return sql;
        }).toList());
        keys.forEach(jdbc::execute);
        for (String table : TABLES) {
            jdbc.execute("ANALYZE " + table + "_next");
        }
    }

    /** The name an index or key of a live table has on the new table until the switch (at most 63 characters). */
    private static String next(Object name) {
        String base = name.toString();
        return (base.length() > 58 ? base.substring(0, 58) : base) + "_next";
    }

    /**
     * The switch: the processor stopped, the new tables take the live names, the processor's segments are handed a
     * token at the snapshot, then it starts again.
     */
    private void switchOver(Snapshot snapshot) {
        StreamingEventProcessor processor = processing.eventProcessor(CaseViewProjection.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        TokenStore tokens = processing.tokenStore(CaseViewProjection.PROCESSING_GROUP);
        processor.shutDown();
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.execute("LOCK TABLE " + String.join(", ", TABLES) + " IN ACCESS EXCLUSIVE MODE");
                for (String table : TABLES) {
                    List<Map<String, Object>> renames = new ArrayList<>();
                    renames.addAll(jdbc.queryForList("""
                            SELECT conname AS name, 'constraint' AS kind FROM pg_constraint
                             WHERE conrelid = ?::regclass AND contype IN ('p', 'u')""", table));
                    renames.addAll(jdbc.queryForList("""
                            SELECT i.relname AS name, 'index' AS kind FROM pg_index x JOIN pg_class i
                                ON i.oid = x.indexrelid WHERE x.indrelid = ?::regclass
                               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)""",
                            table));
                    jdbc.execute("DROP TABLE " + table);
                    jdbc.execute("ALTER TABLE " + table + "_next RENAME TO " + table);
                    for (var rename : renames) {
                        String name = (String) rename.get("name");
                        jdbc.execute("constraint".equals(rename.get("kind"))
                                ? "ALTER TABLE " + table + " RENAME CONSTRAINT " + next(name) + " TO " + name
                                : "ALTER INDEX " + next(name) + " RENAME TO " + name);
                    }
                }
                GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(snapshot.index,
                        new TreeSet<>(snapshot.gaps));
                for (int segment : tokens.fetchSegments(CaseViewProjection.PROCESSING_GROUP)) {
                    tokens.storeToken(token, CaseViewProjection.PROCESSING_GROUP, segment);
                    tokens.releaseClaim(CaseViewProjection.PROCESSING_GROUP, segment);
                }
            });
        } finally {
            processor.start();
        }
    }

    /**
     * An instant to the microsecond, rounded half up as the PostgreSQL driver rounds the live view's parameters
     * (PostgreSQL's own parse of the text would round a half microsecond to even, so the two views would differ).
     */
    static Instant toMicros(Instant instant) {
        return instant.plusNanos(500).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}

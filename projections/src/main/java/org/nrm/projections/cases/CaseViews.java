package org.nrm.projections.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the case view. Reads are consistent with the event store: when the view is behind the case's last stored
 * event (the projection runs asynchronously), the read waits briefly for it to catch up, so a user who has just
 * taken a step sees it on their next read.
 */
@Component
public class CaseViews {

    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(3);

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;

    public CaseViews(JdbcTemplate jdbc, EventStore eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    public Optional<CaseView> find(String caseId) {
        Optional<Long> last = eventStore.lastSequenceNumberFor(caseId);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + CATCH_UP_WAIT.toNanos();
        Optional<CaseView> view = read(caseId);
        while ((view.isEmpty() || view.get().version() < last.get()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            view = read(caseId);
        }
        return view;
    }

    private Optional<CaseView> read(String caseId) {
        return jdbc.query("SELECT * FROM case_view WHERE case_id = ?", CaseViews::map, caseId).stream().findFirst();
    }

    private static CaseView map(ResultSet rs, int row) throws SQLException {
        return new CaseView(rs.getString("case_id"), rs.getString("reference"), rs.getString("stage"),
                rs.getBoolean("child"), rs.getBoolean("foreign_national"), rs.getBoolean("needs_accommodation"),
                rs.getString("referring_agency"), instant(rs, "referred_at"), rs.getString("reasonable_grounds"),
                instant(rs, "reasonable_grounds_due_at"), instant(rs, "reasonable_grounds_decided_at"),
                instant(rs, "recovery_period_started_at"), instant(rs, "recovery_period_minimum_ends_at"),
                rs.getLong("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}

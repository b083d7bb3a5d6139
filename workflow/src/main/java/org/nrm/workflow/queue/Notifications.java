package org.nrm.workflow.queue;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Tells an agency (all its users, or only its leads) that something needs attention. No personal data. */
@Component
public class Notifications {

    public enum Audience { LEADS, EVERYONE }

    public record Notification(long id, String agency, String audience, String caseId, String kind, String message,
                               java.time.Instant createdAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Notifications(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void notify(String agency, Audience audience, String caseId, String kind, String message) {
        jdbc.update("INSERT INTO notification (agency, audience, case_id, kind, message, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", agency, audience.name(), caseId, kind, message,
                Timestamp.from(clock.instant()));
    }

    public List<Notification> forAgency(String agency, boolean lead, int limit) {
        return jdbc.query("SELECT * FROM notification WHERE agency = ? AND (audience = 'EVERYONE' OR ?) "
                        + "ORDER BY created_at DESC, id DESC LIMIT ?",
                (rs, i) -> new Notification(rs.getLong("id"), rs.getString("agency"), rs.getString("audience"),
                        rs.getString("case_id"), rs.getString("kind"), rs.getString("message"),
                        rs.getTimestamp("created_at").toInstant()), agency, lead, limit);
    }
}

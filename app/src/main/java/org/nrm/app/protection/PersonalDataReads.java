package org.nrm.app.protection;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.nrm.app.security.NrmUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The audit of every read of a case's personal data: who, when, which case and why. */
@Component
public class PersonalDataReads {

    public record Read(String caseId, String userId, String agency, String role, String purpose, Instant readAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PersonalDataReads(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String caseId, NrmUser user, String purpose) {
        jdbc.update("INSERT INTO personal_data_read (case_id, user_id, agency, role, purpose, read_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", caseId, user.userId(), user.agency(), user.role().name(),
                purpose, Timestamp.from(clock.instant()));
    }

    public List<Read> list(String caseId, int limit) {
        String where = caseId == null ? "" : " WHERE case_id = ?";
        Object[] args = caseId == null ? new Object[] {limit} : new Object[] {caseId, limit};
        return jdbc.query("SELECT * FROM personal_data_read" + where + " ORDER BY read_at DESC, id DESC LIMIT ?",
                (rs, i) -> new Read(rs.getString("case_id"), rs.getString("user_id"), rs.getString("agency"),
                        rs.getString("role"), rs.getString("purpose"), rs.getTimestamp("read_at").toInstant()), args);
    }
}

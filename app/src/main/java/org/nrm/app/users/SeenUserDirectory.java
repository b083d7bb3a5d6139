package org.nrm.app.users;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nrm.app.security.NrmUser;
import org.nrm.app.security.UserRole;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The directory with OpenID Connect: the users seen signing in (table {@code directory_user}, V19). Each
 * authenticated request records its user, agency and role (written at most once per {@link #RECORD_EVERY} per user
 * and node, so a busy user costs one write a few minutes, not one per request). A user is active while they signed in
 * within {@code activeFor} and were not deactivated ({@code deactivated_at}, set by an administrator in SQL for now:
 * someone who left must not be given tasks even before the period runs out).
 */
public class SeenUserDirectory implements UserDirectory {

    static final Duration RECORD_EVERY = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration activeFor;
    private final Map<String, Instant> recorded = new ConcurrentHashMap<>();

    public SeenUserDirectory(JdbcTemplate jdbc, Clock clock, Duration activeFor) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.activeFor = activeFor;
    }

    /** Records that {@code user} signed in now, with the agency and role of this sign-in. */
    public void seen(NrmUser user) {
        Instant now = clock.instant();
        String key = user.userId() + '\n' + user.agency() + '\n' + user.role();
        Instant last = recorded.get(key);
        if (last != null && last.plus(RECORD_EVERY).isAfter(now)) {
            return;
        }
        jdbc.update("""
                INSERT INTO directory_user (user_id, agency, role, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET agency = excluded.agency, role = excluded.role,
                                                    last_seen = excluded.last_seen""",
                user.userId(), user.agency(), user.role().name(), Timestamp.from(now), Timestamp.from(now));
        recorded.put(key, now);
    }

    @Override
    public Optional<Entry> find(String userId) {
        if (userId == null || userId.isEmpty() || userId.length() > 255) {
            return Optional.empty();
        }
        Timestamp activeSince = Timestamp.from(clock.instant().minus(activeFor));
        return jdbc.query("SELECT user_id, agency, role, last_seen >= ? AND deactivated_at IS NULL AS active "
                        + "FROM directory_user WHERE user_id = ?",
                (rs, row) -> new Entry(rs.getString(1), rs.getString(2), UserRole.valueOf(rs.getString(3)),
                        rs.getBoolean(4)), activeSince, userId).stream().findFirst();
    }
}

package org.nrm.app.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/** Forgets the answers of idempotent requests after 24 hours (a lookup ignores an older one anyway). */
public class IdempotencyKeys {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    IdempotencyKeys(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Deletes the expired rows; idempotent, safe on every node at once. */
    @Scheduled(fixedDelayString = "${nrm.idempotency.expire-millis:600000}", initialDelay = 60_000)
    public int expire() {
        return jdbc.update("DELETE FROM idempotency_key WHERE created_at < ?",
                Timestamp.from(clock.instant().minus(IdempotencyFilter.RETENTION)));
    }
}

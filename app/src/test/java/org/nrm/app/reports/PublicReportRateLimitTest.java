package org.nrm.app.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The rate limit's window, its Retry-After, and that nothing of an address outlives its window. */
class PublicReportRateLimitTest {

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void an_address_gets_its_requests_per_window_then_waits_for_the_oldest_to_leave_it_and_is_forgotten() {
        MovingClock clock = new MovingClock();
        var limit = new PublicReportRateLimit(new PublicReportProperties.RateLimit(3, Duration.ofMinutes(10)), clock,
                new ObjectMapper());
        assertThat(limit.admit("a")).isZero();
        clock.now = clock.now.plusSeconds(60);
        assertThat(limit.admit("a")).isZero();
        assertThat(limit.admit("a")).isZero();
        // the fourth within the window: until the first (at 10:00) leaves it at 10:10, 9 minutes from now
        long retryAfter = limit.admit("a");
        assertThat(retryAfter).isBetween(540L, 541L);
        assertThat(limit.admit("b")).as("another address").isZero();
        clock.now = clock.now.plusSeconds(retryAfter);
        assertThat(limit.admit("a")).as("the oldest has left the window").isZero();
        assertThat(limit.entries()).isEqualTo(2);
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertThat(limit.entries()).as("no address is kept past its window").isZero();
    }
}

package org.nrm.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The back-off's arithmetic under a clock the test moves. */
class LoginThrottleTest {

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock, new com.fasterxml.jackson.databind.ObjectMapper());

    @Test
    void five_failures_then_each_doubles_the_wait_up_to_the_bound() {
        for (int i = 1; i < LoginThrottle.FREE_FAILURES_PER_USER; i++) {
            throttle.failed("user:x", LoginThrottle.FREE_FAILURES_PER_USER);
            assertThat(throttle.waitFor("user:x")).isZero();
        }
        throttle.failed("user:x", LoginThrottle.FREE_FAILURES_PER_USER);
        assertThat(throttle.waitFor("user:x")).isEqualTo(Duration.ofSeconds(1));
        throttle.failed("user:x", LoginThrottle.FREE_FAILURES_PER_USER);
        assertThat(throttle.waitFor("user:x")).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 40; i++) {
            throttle.failed("user:x", LoginThrottle.FREE_FAILURES_PER_USER);
        }
        assertThat(throttle.waitFor("user:x")).isEqualTo(LoginThrottle.MAX_DELAY);
        assertThat(throttle.waitFor("user:other")).isZero();
    }

    @Test
    void no_lock_is_permanent_and_a_success_resets_the_name() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user:police", LoginThrottle.FREE_FAILURES_PER_USER);
        }
        clock.now = clock.now.plus(LoginThrottle.MAX_DELAY).plusSeconds(1);
        assertThat(throttle.waitFor("user:police")).isZero();
        throttle.succeeded("user:police");
        throttle.failed("user:police", LoginThrottle.FREE_FAILURES_PER_USER);
        assertThat(throttle.waitFor("user:police")).isZero();
        // failures long past are forgotten
        for (int i = 0; i < 4; i++) {
            throttle.failed("user:lead", LoginThrottle.FREE_FAILURES_PER_USER);
        }
        clock.now = clock.now.plus(LoginThrottle.FORGET_AFTER).plusSeconds(1);
        throttle.failed("user:lead", LoginThrottle.FREE_FAILURES_PER_USER);
        assertThat(throttle.waitFor("user:lead")).isZero();
    }

    @Test
    void an_address_is_slowed_after_many_failures_across_names() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ADDRESS - 1; i++) {
            throttle.failed("address:10.0.0.9", LoginThrottle.FREE_FAILURES_PER_ADDRESS);
        }
        assertThat(throttle.waitFor("user:new", "address:10.0.0.9")).isZero();
        throttle.failed("address:10.0.0.9", LoginThrottle.FREE_FAILURES_PER_ADDRESS);
        assertThat(throttle.waitFor("user:new", "address:10.0.0.9")).isPositive();
        assertThat(throttle.waitFor("user:new", "address:10.0.0.10")).isZero();
    }

    @Test
    void memory_is_bounded() {
        for (int i = 0; i < LoginThrottle.MAX_ENTRIES + 500; i++) {
            throttle.failed("user:u" + i, LoginThrottle.FREE_FAILURES_PER_USER);
        }
        assertThat(throttle.remembered()).isEqualTo(LoginThrottle.MAX_ENTRIES);
    }

    @Test
    void the_user_name_is_read_from_a_basic_header_only() {
        assertThat(LoginThrottle.basicUser(RawBasic.of("police", "demo"))).isEqualTo("police");
        assertThat(LoginThrottle.basicUser("Bearer abc")).isNull();
        assertThat(LoginThrottle.basicUser("Basic !!!")).isNull();
        assertThat(LoginThrottle.basicUser(null)).isNull();
    }

    private static final class RawBasic {
        static String of(String user, String password) {
            return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
        }
    }
}

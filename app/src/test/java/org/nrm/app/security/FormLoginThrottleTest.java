package org.nrm.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The sign-in form's back-off under a clock the test moves: the form behind it (a servlet standing in for Spring
 * Security's form login) answers {@code /login?error} for a wrong password and {@code /} for the right one.
 */
class FormLoginThrottleTest {

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
    private final FormLoginThrottle filter = new FormLoginThrottle(
            new LoginThrottle(clock, new com.fasterxml.jackson.databind.ObjectMapper()));
    private final AtomicInteger checked = new AtomicInteger();

    private MockHttpServletResponse signIn(String user, String password, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setServletPath("/login");
        request.setRemoteAddr(address);
        request.addParameter("username", user);
        request.addParameter("password", password);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req, HttpServletResponse res)
                    throws java.io.IOException {
                checked.incrementAndGet();
                res.sendRedirect("demo".equals(req.getParameter("password")) ? "/" : "/login?error");
            }
        }));
        return response;
    }

    @Test
    void after_five_wrong_passwords_the_form_is_not_checked_until_the_wait_is_over() throws Exception {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_USER; i++) {
            assertThat(signIn("police", "wrong", "10.0.0.1").getRedirectedUrl()).isEqualTo("/login?error");
        }
        assertThat(checked).hasValue(LoginThrottle.FREE_FAILURES_PER_USER);
        MockHttpServletResponse throttled = signIn("police", "demo", "10.0.0.1");
        assertThat(throttled.getRedirectedUrl()).isEqualTo("/login?throttled");
        assertThat(throttled.getHeader("Retry-After")).isEqualTo("1");
        assertThat(checked).as("the password was not checked").hasValue(LoginThrottle.FREE_FAILURES_PER_USER);
        // another name from another address is not slowed
        assertThat(signIn("police-lead", "demo", "10.0.0.2").getRedirectedUrl()).isEqualTo("/");

        clock.now = clock.now.plusSeconds(2);
        assertThat(signIn("police", "wrong", "10.0.0.1").getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(signIn("police", "demo", "10.0.0.1").getHeader("Retry-After")).isEqualTo("2");
        clock.now = clock.now.plusSeconds(3);
        assertThat(signIn("police", "demo", "10.0.0.1").getRedirectedUrl()).isEqualTo("/");
        // the success reset the name: one wrong password is free again
        assertThat(signIn("police", "wrong", "10.0.0.1").getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(signIn("police", "demo", "10.0.0.1").getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void other_requests_pass_untouched() throws Exception {
        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/login");
        page.setServletPath("/login");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(page, response, chain);
        assertThat(chain.getRequest()).isSameAs(page);
    }
}

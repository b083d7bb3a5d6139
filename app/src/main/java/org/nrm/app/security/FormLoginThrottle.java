package org.nrm.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The same back-off as {@link LoginThrottle} for the pages' sign-in form ({@code POST /login} with {@code username}):
 * per user name and per client address, a wrong password is a redirect to {@code /login?error}; while a wait lasts,
 * the form is not checked at all and the browser is sent to {@code /login?throttled} (with {@code Retry-After}),
 * where the page says to wait. A successful sign-in resets the name.
 */
public final class FormLoginThrottle extends OncePerRequestFilter {

    private final LoginThrottle throttle;

    public FormLoginThrottle(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !"/login".equals(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = request.getParameter("username");
        if (user == null || user.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        String userKey = "user:" + (user.length() > 256 ? user.substring(0, 256) : user);
        String addressKey = "address:" + request.getRemoteAddr();
        Duration wait = throttle.waitFor(userKey, addressKey);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(seconds));
            response.sendRedirect(request.getContextPath() + "/login?throttled");
            return;
        }
        chain.doFilter(request, response);
        String location = response.getHeader("Location");
        if (location != null && location.contains("/login?error")) {
            throttle.failed(userKey, LoginThrottle.FREE_FAILURES_PER_USER);
            throttle.failed(addressKey, LoginThrottle.FREE_FAILURES_PER_ADDRESS);
        } else if (location != null) {
            throttle.succeeded(userKey);
        }
    }
}

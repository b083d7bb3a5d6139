package org.nrm.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Back-off after wrong passwords (HTTP Basic): per user name after {@value #FREE_FAILURES_PER_USER} failures and per
 * client address after {@value #FREE_FAILURES_PER_ADDRESS}, each further failure doubles the wait (1 s, 2 s, 4 s ...,
 * at most {@link #MAX_DELAY}); while it lasts, sign-ins of that name or from that address get 429 with Retry-After
 * without their password being checked. A success resets the name; failures are forgotten after {@link #FORGET_AFTER}
 * without a new one. No lock is permanent (so the shared demo users can never lock each other out for good), and at
 * most {@value #MAX_ENTRIES} names and addresses are remembered (the least recently seen go first).
 */
public final class LoginThrottle extends OncePerRequestFilter {

    static final int FREE_FAILURES_PER_USER = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 50;
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    static final int MAX_ENTRIES = 10_000;

    private record State(int failures, Instant lastFailure, Instant blockedUntil) {
    }

    private final Clock clock;
    private final ObjectMapper mapper;
    private final Map<String, State> states = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public LoginThrottle(Clock clock, ObjectMapper mapper) {
        this.clock = clock;
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = basicUser(request.getHeader("Authorization"));
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        String userKey = "user:" + user;
        String addressKey = "address:" + request.getRemoteAddr();
        Duration wait = waitFor(userKey, addressKey);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(seconds));
            org.nrm.app.api.json.FilterProblems.write(mapper, response, 429, "Too many failed sign-ins",
                    "Too many wrong passwords for this user or from this address; try again in " + seconds
                            + " s.", request.getRequestURI(), java.util.Map.of());
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            failed(userKey, FREE_FAILURES_PER_USER);
            failed(addressKey, FREE_FAILURES_PER_ADDRESS);
        } else {
            succeeded(userKey);
        }
    }

    /** How long sign-ins of this user name or from this address must wait (zero: they may try). */
    synchronized Duration waitFor(String... keys) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys) {
            State state = current(key, now);
            if (state != null && state.blockedUntil() != null && state.blockedUntil().isAfter(now)) {
                Duration wait = Duration.between(now, state.blockedUntil());
                longest = wait.compareTo(longest) > 0 ? wait : longest;
            }
        }
        return longest;
    }

    synchronized void failed(String key, int freeFailures) {
        Instant now = clock.instant();
        State state = current(key, now);
        int failures = state == null ? 1 : state.failures() + 1;
        Instant blockedUntil = null;
        if (failures >= freeFailures) {
            int doublings = Math.min(failures - freeFailures, 30);
            Duration delay = Duration.ofSeconds(1L << doublings);
            blockedUntil = now.plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
        }
        states.put(key, new State(failures, now, blockedUntil));
    }

    synchronized void succeeded(String key) {
        states.remove(key);
    }

    synchronized int remembered() {
        return states.size();
    }

    private State current(String key, Instant now) {
        State state = states.get(key);
        if (state != null && state.lastFailure().plus(FORGET_AFTER).isBefore(now)) {
            states.remove(key);
            return null;
        }
        return state;
    }

    /** The user name of an HTTP Basic header, or null (no header, another scheme, or not decodable). */
    static String basicUser(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            return user.length() > 256 ? user.substring(0, 256) : user;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}

package org.nrm.app.idempotency;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.nrm.app.api.json.FilterProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on every {@code POST} under {@code /api} (public contract, "Every POST").
 *
 * <ul>
 *   <li>The key is 1 to 255 printable ASCII characters; anything else is {@code 400} naming the header.</li>
 *   <li>The request's work runs in one transaction that first inserts the key's row (user, key, the request's
 *       fingerprint); the services' transactions join it. A success ({@code 2xx}) stores its status, body and
 *       {@code Location} in that row and commits with the work: the answer is kept exactly when the work is.</li>
 *   <li>A duplicate (same user, same key, same method, path and body, within 24 hours) gets the stored answer and
 *       changes nothing; with another request under the same key it is {@code 422}.</li>
 *   <li>A concurrent duplicate's insert waits on the first one's uncommitted row (the primary key): when the first
 *       commits it replays the answer, when the first fails (rolled back: it changed nothing) it does the work itself.
 *       It waits at most {@code lockTimeout}, then gets {@code 409}.</li>
 *   <li>A refusal ({@code 4xx}) or failure ({@code 5xx}) changed nothing and is not kept: a retry with the same key is
 *       carried out anew.</li>
 * </ul>
 *
 * Bodies are compared as JSON (key order and white space aside) when they are JSON, byte for byte otherwise. Only
 * the SHA-256 of the request is stored, never the request (personal data); answers of the API's POSTs carry ids,
 * references and receipts, not personal data. Rows expire after 24 hours ({@link IdempotencyKeys#expire}).
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final Duration RETENTION = Duration.ofHours(24);
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration lockTimeout;

    public IdempotencyFilter(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ObjectMapper mapper,
                             Clock clock, Duration lockTimeout) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.mapper = mapper;
        this.clock = clock;
        this.lockTimeout = lockTimeout;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/")
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> keys = Collections.list(request.getHeaders(HEADER));
        String key = keys.get(0);
        if (keys.size() > 1 || !valid(key)) {
            problem(response, 400, "Invalid request header", "'" + HEADER + "' must be one value of 1 to 255 "
                    + "printable ASCII characters.", Map.of("field", HEADER));
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            problem(response, 413, "Request too large", "The request body is larger than this endpoint accepts.",
                    Map.of());
            return;
        }
        String principal = principal(request);
        byte[] fingerprint = fingerprint(request, body);
        var cachedRequest = new org.nrm.app.api.CachedBodyRequest(request, body);
        var cachedResponse = new ContentCachingResponseWrapper(response);
        Outcome outcome;
        try {
            outcome = transactions.execute(tx -> handle(tx, principal, key, fingerprint, cachedRequest, cachedResponse,
                    chain));
        } catch (RuntimeException failure) {
            if (failure.getCause() instanceof ServletException servlet) {
                throw servlet;
            }
            if (failure.getCause() instanceof IOException io) {
                throw io;
            }
            if (lockTimedOut(failure)) {
                problem(response, 409, "Request in progress", "A request with this " + HEADER
                        + " is still being handled; try again later.", Map.of());
                return;
            }
            if (cachedResponse.isCommitted()) {
                throw failure;
            }
            // the work's transaction could not commit (a lost race at commit): nothing of it is stored
            log.info("Idempotent request rolled back at commit: {}", failure.getClass().getSimpleName());
            response.reset();
            problem(response, 409, "Concurrent change",
                    "Another step on this case was taken at the same time; reload the case and try again.", Map.of());
            return;
        }
        switch (outcome.kind) {
            case EXECUTED -> cachedResponse.copyBodyToResponse();
            case MISMATCH -> problem(response, 422, "Idempotency key reused", "'" + HEADER + "' " + "was used "
                    + "before for another request; use a new key for a new request.", Map.of("field", HEADER));
            case REPLAY -> replay(response, outcome.stored);
            case ROLLED_BACK -> {
                log.error("A request answered {} but its work was marked for rollback; answered 500",
                        cachedResponse.getStatus());
                response.reset();
                problem(response, 500, "Internal error", "The request failed and nothing was changed.", Map.of());
            }
        }
    }

    private Outcome handle(TransactionStatus tx, String principal, String key, byte[] fingerprint,
                           HttpServletRequest request, ContentCachingResponseWrapper response, FilterChain chain) {
        Instant now = clock.instant();
        jdbc.execute("SET LOCAL lock_timeout = '" + Math.max(1, lockTimeout.toMillis()) + "ms'");
        jdbc.update("DELETE FROM idempotency_key WHERE principal = ? AND key = ? AND created_at < ?", principal, key,
                Timestamp.from(now.minus(RETENTION)));
        int inserted = jdbc.update("INSERT INTO idempotency_key (principal, key, fingerprint, created_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (principal, key) DO NOTHING", principal, key, fingerprint,
                Timestamp.from(now));
        jdbc.execute("SET LOCAL lock_timeout TO DEFAULT");
        if (inserted == 0) {
            Stored stored = jdbc.queryForObject("SELECT fingerprint, status, content_type, location, body "
                            + "FROM idempotency_key WHERE principal = ? AND key = ?",
                    (rs, row) -> new Stored(rs.getBytes(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getBytes(5)), principal, key);
            return Arrays.equals(stored.fingerprint, fingerprint) ? new Outcome(Kind.REPLAY, stored)
                    : new Outcome(Kind.MISMATCH, null);
        }
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException e) {
            throw new IllegalStateException(e);
        }
        int status = response.getStatus();
        boolean success = status >= 200 && status < 300;
        if (success && tx.isRollbackOnly()) {
            // a step inside failed and marked the work for rollback, yet the answer says success: never claim it
            tx.setRollbackOnly();
            return new Outcome(Kind.ROLLED_BACK, null);
        }
        if (success) {
            jdbc.update("UPDATE idempotency_key SET status = ?, content_type = ?, location = ?, body = ? "
                            + "WHERE principal = ? AND key = ?", status, response.getContentType(),
                    response.getHeader(HttpHeaders.LOCATION), response.getContentAsByteArray(), principal, key);
        } else {
            // nothing of a refusal or failure is kept, the key's row included: a retry is carried out anew
            tx.setRollbackOnly();
        }
        return new Outcome(Kind.EXECUTED, null);
    }

    private static void replay(HttpServletResponse response, Stored stored) throws IOException {
        response.setStatus(stored.status);
        response.setHeader(REPLAYED_HEADER, "true");
        if (stored.location != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location);
        }
        if (stored.contentType != null) {
            response.setContentType(stored.contentType);
        }
        if (stored.body != null && stored.body.length > 0) {
            response.setContentLength(stored.body.length);
            response.getOutputStream().write(stored.body);
        }
    }

    /** 1 to 255 characters, each printable ASCII (space to tilde). */
    static boolean valid(String key) {
        if (key == null || key.isEmpty() || key.length() > 255) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The signed-in user; requests without one (a report from the public) share the scope {@code anonymous}. */
    private static String principal(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "user:" + authentication.getName();
        }
        // an anonymous caller (a report from the public) has no name, and its address is never stored: its keys share
        // one scope, so a key (a client's random UUID) replays its own first answer, a receipt, and nothing else
        return "anonymous";
    }

    /** SHA-256 of the method, path, query and body (as canonical JSON when it is JSON). */
    private static byte[] fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String target = request.getMethod() + ' ' + request.getRequestURI()
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString()) + '\n';
            digest.update(target.getBytes(StandardCharsets.UTF_8));
            digest.update(canonical(body));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] canonical(byte[] body) {
        if (body.length == 0) {
            return body;
        }
        try {
            JsonNode tree = CANONICAL.readTree(body);
            Object value = CANONICAL.treeToValue(tree, Object.class);
            return ("json:" + CANONICAL.writeValueAsString(value)).getBytes(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException notJson) {
            return body;
        }
    }

    private static boolean lockTimedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private void problem(HttpServletResponse response, int status, String title, String detail,
                         Map<String, Object> extra) throws IOException {
        FilterProblems.write(mapper, response, status, title, detail, null, extra);
    }

    private enum Kind { EXECUTED, REPLAY, MISMATCH, ROLLED_BACK }

    private record Outcome(Kind kind, Stored stored) {
    }

    private record Stored(byte[] fingerprint, int status, String contentType, String location, byte[] body) {
    }
}

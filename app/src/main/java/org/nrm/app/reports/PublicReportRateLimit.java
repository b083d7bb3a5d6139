package org.nrm.app.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.nrm.app.api.json.FilterProblems;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code rate-limit.requests} anonymous reports from one client address within {@code rate-limit.window}
 * ({@code POST /api/reports} and the public page's form); more get {@code 429} with {@code Retry-After} (seconds until
 * the oldest counted report leaves the window). Signed-in callers (hotline operators) are not limited here.
 *
 * <p>No address is kept beyond what the limit needs: only in memory, only as an HMAC-SHA-256 under a key drawn at
 * start and never stored (so the hashes cannot be reversed by trying every address, nor outlive the process), and
 * each entry goes when its window has passed; at most {@value #MAX_ENTRIES} entries (the least recently seen go
 * first). The client address is the servlet's remote address: behind the reverse proxy, Tomcat's RemoteIpValve
 * ({@code server.forward-headers-strategy=native}) takes it from {@code X-Forwarded-For} only when the connection comes
 * from a trusted proxy ({@code server.tomcat.remoteip.internal-proxies}, none by default: an installation names its
 * proxy); from anyone else the header is ignored.
 */
public class PublicReportRateLimit extends OncePerRequestFilter {

    static final int MAX_ENTRIES = 100_000;

    private final int requests;
    private final Duration window;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final byte[] key = new byte[32];
    private final Map<String, Deque<Instant>> seen = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public PublicReportRateLimit(PublicReportProperties.RateLimit limit, Clock clock, ObjectMapper mapper) {
        this.requests = limit.requests();
        this.window = limit.window();
        this.clock = clock;
        this.mapper = mapper;
        new SecureRandom().nextBytes(key);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || signedIn();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long retryAfter = admit(hash(request.getRemoteAddr()));
        if (retryAfter > 0) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(retryAfter));
            if (!request.getRequestURI().startsWith("/api/")) {
                // the public page: a page, in the languages it offers
                response.setContentType("text/html;charset=UTF-8");
                response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>429</title>"
                        + "</head><body><main><h1>Too many reports from your connection</h1>"
                        + "<p lang=\"en\">Please try again in " + retryAfter + " seconds.</p>"
                        + "<p lang=\"vi\">Qu\u00e1 nhi\u1ec1u b\u00e1o c\u00e1o. Vui l\u00f2ng th\u1eed l\u1ea1i sau.</p>"
                        + "<p lang=\"ro\">Prea multe raport\u0103ri. V\u0103 rug\u0103m \u00eencerca\u021bi mai t\u00e2rziu.</p>"
                        + "</main></body></html>");
                return;
            }
            FilterProblems.write(mapper, response, 429, "Too Many Requests",
                    "Too many reports from this address; try again in " + retryAfter + " seconds.", null, Map.of());
            return;
        }
        chain.doFilter(request, response);
    }

    /** Counts a report from {@code client}: 0 when admitted, else the seconds until one more would be. */
    synchronized long admit(String client) {
        Instant now = clock.instant();
        Instant horizon = now.minus(window);
        Deque<Instant> times = seen.computeIfAbsent(client, c -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.pollFirst();
        }
        if (times.size() >= requests) {
            return Math.max(1, Duration.between(now, times.peekFirst().plus(window)).toSeconds() + 1);
        }
        times.addLast(now);
        if (seen.size() % 1024 == 0) {
            forgetExpired(horizon);
        }
        return 0;
    }

    /** How many client entries are held (for tests: none outlives its window). */
    synchronized int entries() {
        forgetExpired(clock.instant().minus(window));
        return seen.size();
    }

    private void forgetExpired(Instant horizon) {
        seen.values().removeIf(times -> times.isEmpty() || !times.peekLast().isAfter(horizon));
    }

    private String hash(String address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(String.valueOf(address).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }
}

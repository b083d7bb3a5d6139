package org.nrm.app.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The metrics scraper's own credentials (Prometheus's {@code basic_auth}): {@code nrm.metrics.scraper.username} and
 * {@code nrm.metrics.scraper.password}, from the environment or a mounted secret. They open {@code
 * /actuator/prometheus} and nothing else (role {@code METRICS}); the scraper never holds an administrator's
 * credentials. Unset, only an administrator reads the metrics. Any other Basic credentials on that path go on to the
 * platform's own sign-in.
 */
public final class ScraperCredentials extends OncePerRequestFilter {

    public static final String ROLE = "METRICS";
    public static final String PATH = "/actuator/prometheus";

    private final String username;
    private final byte[] credentials;

    public ScraperCredentials(String username, String password) {
        this.username = username == null ? "" : username;
        this.credentials = (this.username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a scraper is configured at all (a username and a password of at least 16 characters). */
    public static boolean configured(String username, String password) {
        return username != null && !username.isBlank() && password != null && password.length() >= 16;
    }

    /** The metrics, and the health a probe reusing the scraper's credentials asks for (open to anyone anyway). */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !PATH.equals(path) && !"/actuator/health".equals(path) && !path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            byte[] given;
            try {
                given = Base64.getDecoder().decode(header.substring(6).trim());
            } catch (IllegalArgumentException notBase64) {
                given = new byte[0];
            }
            if (MessageDigest.isEqual(given, credentials)) {
                var authentication = UsernamePasswordAuthenticationToken.authenticated(username, null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(authentication);
                SecurityContextHolder.setContext(context);
                // signed in for this request only: the API chain keeps no session
                request.setAttribute(ScraperCredentials.class.getName(), Boolean.TRUE);
            }
        }
        chain.doFilter(request, response);
    }
}

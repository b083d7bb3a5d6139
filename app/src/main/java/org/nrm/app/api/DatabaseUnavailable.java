package org.nrm.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.nrm.app.api.json.FilterProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A database outage is a {@code 503} with {@code Retry-After}, never a {@code 500}: when the database cannot be
 * reached (no connection within the pool's short {@code connection-timeout}, or the server went away mid-request),
 * the request is refused as application/problem+json and its transaction has rolled back. Recognised anywhere in the
 * cause chain, so the same holds when Axon's command bus or Camunda's engine wraps the failure.
 *
 * <p>A {@link HandlerExceptionResolver} placed before every other (so before {@code ProblemHandler}, which still
 * handles everything else) covers the controllers; a servlet filter covers what fails outside them. Readiness
 * ({@code /actuator/health/readiness}) includes the database health, so it is DOWN for as long as the outage lasts.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseUnavailable implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

    /** SQLSTATE class 08 (connection exception) and the server's shutdown codes (57P01, 57P02, 57P03). */
    private static final List<String> CONNECTION_STATES = List.of("08", "57P01", "57P02", "57P03");

    private final ObjectMapper json = new ObjectMapper();
    private final long retryAfterSeconds;

    DatabaseUnavailable(@Value("${nrm.database-outage.retry-after:5s}") Duration retryAfter) {
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    /**
     * Whether {@code failure}, or anything that caused it, says the database cannot be reached: causes, suppressed
     * exceptions, SQL next-exceptions and the application exception of a failed rollback
     * ({@link TransactionSystemException}: when the connection is gone, the rollback fails too and hides the cause).
     */
    public static boolean isDatabaseUnavailable(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty() && seen.size() < 64) {
            Throwable t = pending.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof CannotGetJdbcConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                if (sql.getSQLState() != null && CONNECTION_STATES.stream().anyMatch(sql.getSQLState()::startsWith)) {
                    return true;
                }
                if (fromClosedPoolConnection(sql)) {
                    return true;
                }
                if (sql.getNextException() != null) {
                    pending.add(sql.getNextException());
                }
            }
            if (t instanceof TransactionSystemException system && system.getApplicationException() != null) {
                pending.add(system.getApplicationException());
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            pending.addAll(List.of(t.getSuppressed()));
        }
        return false;
    }

    /**
     * Hikari's answer (without an SQLSTATE) for any use of a connection it has already closed because the server
     * broke it off (SQLSTATE 08 or 57P0x on an earlier statement): typically the rollback after that statement.
     */
    private static boolean fromClosedPoolConnection(SQLException sql) {
        StackTraceElement[] frames = sql.getStackTrace();
        return sql.getSQLState() == null && frames.length > 0
                && frames[0].getClassName().startsWith("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection");
    }

    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        resolvers.add(0, (request, response, handler, failure) -> {
            if (!isDatabaseUnavailable(failure) || response.isCommitted()) {
                return null;
            }
            write(request, response, failure);
            return new ModelAndView();
        });
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> databaseUnavailableFilter() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } catch (ServletException | RuntimeException e) {
                    if (!isDatabaseUnavailable(e) || response.isCommitted()) {
                        throw e;
                    }
                    write(request, response, e);
                }
            }
        });
        registration.setName("databaseUnavailableFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    private void write(HttpServletRequest request, HttpServletResponse response, Throwable failure) {
        log.warn("Database unavailable: {} {} refused with 503 ({})", request.getMethod(), request.getRequestURI(),
                rootMessage(failure));
        try {
            response.resetBuffer();
            response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
            FilterProblems.write(json, response, HttpStatus.SERVICE_UNAVAILABLE.value(),
                    "Service temporarily unavailable", "The database cannot be reached; the request was not carried "
                            + "out. Try again after " + retryAfterSeconds + " seconds.", request.getRequestURI(),
                    Map.of("retryAfterSeconds", retryAfterSeconds));
            response.flushBuffer();
        } catch (IOException e) {
            log.debug("Could not write the 503 answer", e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}

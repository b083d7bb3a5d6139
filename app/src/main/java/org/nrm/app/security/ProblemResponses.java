package org.nrm.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.nrm.app.api.json.FilterProblems;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 answers of the security filters, as problem+json like every other error. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static AuthenticationEntryPoint unauthorized(ObjectMapper mapper, String challenge) {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", challenge);
            write(mapper, response, 401, "Unauthorized", "Sign in to use the API.", request.getRequestURI());
        };
    }

    static AccessDeniedHandler forbidden(ObjectMapper mapper) {
        return (request, response, exception) -> write(mapper, response, 403, "Forbidden",
                "Your role does not allow this.", request.getRequestURI());
    }

    /**
     * 404 for a path that is no endpoint of the API, 405 with {@code Allow} for an endpoint called with a method it
     * does not take (signed-in callers only; others get 401 first). {@code allowed} names the methods the API's
     * controllers map to the request's path (none: not an endpoint).
     */
    static AccessDeniedHandler forbiddenOrNotFound(ObjectMapper mapper,
                                                   java.util.function.Function<jakarta.servlet.http.HttpServletRequest,
                                                           java.util.Set<String>> allowed) {
        return (request, response, exception) -> {
            if (request.getAttribute(UNKNOWN_PATH) != null) {
                java.util.Set<String> methods = allowed.apply(request);
                if (methods.isEmpty() || methods.contains(request.getMethod())) {
                    write(mapper, response, 404, "Not found", "No such endpoint.", request.getRequestURI());
                } else {
                    response.setHeader("Allow", String.join(", ", methods));
                    write(mapper, response, 405, "Method not allowed", "'" + request.getRequestURI()
                            + "' takes " + String.join(", ", methods) + ", not " + request.getMethod() + ".",
                            request.getRequestURI());
                }
            } else {
                write(mapper, response, 403, "Forbidden", "Your role does not allow this.", request.getRequestURI());
            }
        };
    }

    /** Set on a request no rule of the API matched: it is refused, and answered as not found. */
    static final String UNKNOWN_PATH = ProblemResponses.class.getName() + ".unknownPath";

    /** The firewall's refusals ({@code //}, {@code %2e}, {@code ;}, ...) as a 400 problem. */
    static org.springframework.security.web.firewall.RequestRejectedHandler rejected(ObjectMapper mapper) {
        return (request, response, exception) -> {
            // refused before any security chain ran: the chain's headers are set here
            response.setHeader("Content-Security-Policy", SecurityConfiguration.API_CSP);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Cache-Control", "no-store");
            write(mapper, response, 400, "Request rejected",
                "The request's URL or headers are not allowed (e.g. //, encoded dots or slashes, ';', control "
                        + "characters).", null, java.util.Map.of("field", "url"));
        };
    }

    static void write(ObjectMapper mapper, HttpServletResponse response, int status, String title,
                      String detail, String instance) throws IOException {
        write(mapper, response, status, title, detail, instance, java.util.Map.of());
    }

    static void write(ObjectMapper mapper, HttpServletResponse response, int status, String title,
                      String detail, String instance, java.util.Map<String, Object> extra) throws IOException {
        FilterProblems.write(mapper, response, status, title, detail, instance, extra);
    }
}

package org.nrm.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
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
            FilterProblems.write(mapper, response, 401, "Unauthorized", "Sign in to use the API.",
                    request.getRequestURI(), java.util.Map.of());
        };
    }

    static AccessDeniedHandler forbidden(ObjectMapper mapper) {
        return (request, response, exception) -> FilterProblems.write(mapper, response, 403,
                "Forbidden", "Your role does not allow this.", request.getRequestURI(), java.util.Map.of());
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
                    FilterProblems.write(mapper, response, 404, "Not found", "No such endpoint.",
                            request.getRequestURI(), java.util.Map.of());
                } else {
                    response.setHeader("Allow", String.join(", ", methods));
                    FilterProblems.write(mapper, response, 405, "Method not allowed", "'"
                            + request.getRequestURI() + "' takes " + String.join(", ", methods) + ", not "
                            + request.getMethod() + ".", request.getRequestURI(), java.util.Map.of());
                }
            } else {
                FilterProblems.write(mapper, response, 403, "Forbidden", "Your role does not allow this.",
                        request.getRequestURI(), java.util.Map.of());
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
            FilterProblems.write(mapper, response, 400, "Request rejected",
                "The request's URL or headers are not allowed (e.g. //, encoded dots or slashes, ';', control "
                        + "characters).", null, java.util.Map.of("field", "url"));
        };
    }
}

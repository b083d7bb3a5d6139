package org.nrm.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import org.springframework.http.MediaType;
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

    private static void write(ObjectMapper mapper, HttpServletResponse response, int status, String title,
                              String detail, String instance) throws IOException {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), body);
    }
}

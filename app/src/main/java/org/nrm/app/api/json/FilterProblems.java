package org.nrm.app.api.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;

/**
 * A problem document (RFC 9457) written by a servlet filter, where Spring MVC's {@code ProblemDetail} handling does not
 * reach: the security chain's 401, 403, 404, 405 and 400, the body limit's 413, the idempotency record's answers, the
 * database outage's 503, the rate limits' 429, and Tomcat's last resort for a request that never reached the
 * application. One writer, so every one of them has the same members in the same order ({@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance} when known, then the problem's own) and the same content type as
 * the API's other errors.
 */
public final class FilterProblems {

    private FilterProblems() {
    }

    /** The document's members in their order ({@code instance} left out when null). */
    public static Map<String, Object> document(int status, String title, String detail, String instance,
                                               Map<String, ?> extra) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        body.putAll(extra);
        return body;
    }

    /**
     * Sets the status and content type and writes the document. {@code instance} may be null (left out); {@code
     * extra} holds the problem's own members ({@code field}, {@code limitBytes}, ...), written after the standard ones.
     */
    public static void write(ObjectMapper mapper, HttpServletResponse response, int status, String title,
                             String detail, String instance, Map<String, ?> extra) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(mapper.writeValueAsBytes(document(status, title, detail, instance, extra)));
    }
}

package org.nrm.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nrm.app.api.json.FilterProblems;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A change the API could not answer is not made. Every write of the API ({@code POST}, {@code PUT}, {@code PATCH},
 * {@code DELETE} under {@code /api/}) answers JSON; Spring chooses the answer's type only after the controller ran,
 * so an {@code Accept} header that admits no JSON ({@code text/csv}, or one that is not a media type at all) got a
 * {@code 406} after the referral was stored, and a client retrying it made a second case (found from outside). Such a
 * request is refused here, a {@code 406} problem naming {@code Accept}, before the idempotency record and the
 * controller, so nothing is done.
 */
@Configuration(proxyBeanMethods = false)
class AcceptableAnswers {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> acceptableAnswersFilter(ObjectMapper mapper) {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !WRITES.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                List<String> accept = Collections.list(request.getHeaders("Accept"));
                if (accept.isEmpty() || admitsJson(accept)) {
                    chain.doFilter(request, response);
                    return;
                }
                FilterProblems.write(mapper, response, 406, "Not Acceptable", "'Accept' admits no answer of this "
                        + "endpoint: it answers application/json (a problem as application/problem+json). Nothing was "
                        + "done.", request.getRequestURI(), Map.of("field", "Accept"));
            }
        });
        registration.setName("acceptableAnswersFilter");
        // after Spring Security's chain (a caller not signed in gets its 401 first) and the body limit (5); before the
        // sign-in recorder (10) and the idempotency record (20), so a refused request leaves no record
        registration.setOrder(6);
        return registration;
    }

    /** Whether the header admits JSON: {@code application/json}, a {@code +json} type, or a wildcard, not at q=0. */
    static boolean admitsJson(List<String> accept) {
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        for (MediaType type : types) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) || "application".equals(type.getType())
                    && type.getSubtype().endsWith("+json")) {
                return true;
            }
        }
        return false;
    }
}

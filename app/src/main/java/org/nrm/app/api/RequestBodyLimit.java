package org.nrm.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.nrm.app.api.json.FilterProblems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No request body of the API is larger than {@code nrm.api.max-request-body} (2 MB: the largest body the API takes is a
 * handover package of at most 1 MB). A larger one is a {@code 413} problem before anything reads it (the security
 * filters ahead of this one read no body: a caller not signed in gets its {@code 401} first), whether it says its
 * length ({@code Content-Length}) or comes in chunks (read up to the limit, then refused), so an oversized body never
 * reaches a controller, a validator or the idempotency record. Multipart forms have limits of their own
 * ({@code spring.servlet.multipart}).
 */
@Configuration(proxyBeanMethods = false)
class RequestBodyLimit {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestBodyLimitFilter(ObjectMapper mapper,
            @Value("${nrm.api.max-request-body:2MB}") DataSize limit) {
        long max = limit.toBytes();
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                String type = request.getContentType();
                return !request.getRequestURI().startsWith("/api/")
                        || type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                long declared = request.getContentLengthLong();
                if (declared > max) {
                    refuse(mapper, response, max);
                    return;
                }
                if (declared >= 0 || request.getHeader("Transfer-Encoding") == null) {
                    chain.doFilter(request, response);
                    return;
                }
                byte[] body = request.getInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
                if (body.length > max) {
                    refuse(mapper, response, max);
                    return;
                }
                chain.doFilter(new CachedBodyRequest(request, body), response);
            }
        });
        registration.setName("requestBodyLimitFilter");
        // after Spring Security's chain (-100), which reads no API body, so the refusal carries the API's security
        // headers like every other answer; before the sign-in recorder (10) and the idempotency record (20)
        registration.setOrder(5);
        return registration;
    }

    private static void refuse(ObjectMapper mapper, HttpServletResponse response, long max) throws IOException {
        FilterProblems.write(mapper, response, 413, "Request too large",
                "The request body is larger than the API accepts (" + max / 1024 + " KB).", null,
                Map.of("limitBytes", max));
    }
}

package org.nrm.app.api;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * A body is labelled as what it is: {@code application/json}, or {@code application/problem+json} for a problem. The
 * JSON converter writes every {@code application/*+json} the client names, so {@code Accept:
 * application/problem+json} (alone, or first beside {@code application/json}, as clients that want either send it)
 * would label a case or a task list as a problem document, and a client reading the type would take a {@code 200}
 * for an error; {@code application/vnd.anything+json} would be echoed as the body's type. Such a body keeps its
 * own type instead (RFC 9110 lets a server answer outside the Accept header rather than refuse). Only the API's
 * answers and problems are relabelled: actuator's vendor type ({@code application/vnd.spring-boot.actuator.v3+json})
 * is its own.
 */
@RestControllerAdvice
class OnlyProblemsAreProblems implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selected,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        String subtype = selected == null ? "" : selected.getSubtype();
        boolean problem = body instanceof ProblemDetail || body instanceof ErrorResponse;
        // the API's answers, and a problem wherever it is written (an error dispatch is at /error); actuator's own
        // vendor type is left as it is
        boolean api = problem || request.getURI().getPath().startsWith("/api/");
        if (api && selected != null && "application".equals(selected.getType()) && subtype.endsWith("+json")) {
            response.getHeaders().setContentType(problem ? MediaType.APPLICATION_PROBLEM_JSON
                    : MediaType.APPLICATION_JSON);
        }
        return body;
    }
}

package org.nrm.app.api;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;

/**
 * Failures that happen before any controller is chosen (the servlet splitting a multipart body), where the API-only
 * {@link ProblemHandler} does not apply: answered the same way, as problem+json. Last in order, so the pages' and the
 * API's own advice win wherever a controller is known.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnreadableRequests {

    private final ProblemHandler problems;

    UnreadableRequests(ProblemHandler problems) {
        this.problems = problems;
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException ex) {
        return problems.multipart(ex);
    }
}

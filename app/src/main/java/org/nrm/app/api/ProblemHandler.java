package org.nrm.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.workflow.WorkflowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as application/problem+json (RFC 9457): 400 naming the field or rule, 403, 404, 409. Nothing else
 * leaks: an unexpected failure is a 500 with a reference to the log, never a stack trace.
 */
// only the API's controllers: the pages answer errors with pages (web.PageErrors)
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle("Invalid request body");
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            problem.setDetail("Unknown field '" + field + "'.");
            problem.setProperty("field", field);
        } else if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String field = path(invalid);
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            problem.setDetail("'" + field + "' must be one of " + allowed + ".");
            problem.setProperty("field", field);
        } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            problem.setDetail("'" + field + "' has the wrong type or format.");
            problem.setProperty("field", field);
        } else if (cause instanceof JsonProcessingException parsing && parsing.getLocation() != null) {
            problem.setDetail("The body is not well-formed JSON (line " + parsing.getLocation().getLineNr()
                    + ", column " + parsing.getLocation().getColumnNr() + ").");
        } else {
            problem.setDetail("The request body is missing or is not a JSON object of the expected form.");
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", fieldName(error), "message", String.valueOf(error.getDefaultMessage())))
                .sorted((a, b) -> a.get("field").compareTo(b.get("field")))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle("Invalid request body");
        problem.setDetail(errors.stream().map(e -> "'" + e.get("field") + "' " + e.get("message"))
                .collect(Collectors.joining("; ")) + ".");
        if (!errors.isEmpty()) {
            problem.setProperty("field", errors.get(0).get("field"));
        }
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(WorkflowException.class)
    ProblemDetail workflow(WorkflowException ex) {
        return switch (ex.kind()) {
            case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "Task not found", ex.getMessage(), Map.of());
            case CONFLICT -> problem(HttpStatus.CONFLICT, "Task not open", ex.getMessage(), Map.of());
            case INVALID_INPUT -> problem(HttpStatus.BAD_REQUEST, "Invalid request body", ex.getMessage(),
                    Map.of("field", ex.field()));
        };
    }

    @ExceptionHandler(CaseRuleViolation.class)
    ProblemDetail rule(CaseRuleViolation ex) {
        return problem(HttpStatus.CONFLICT, "Step not allowed", ex.getMessage(), Map.of("rule", ex.rule()));
    }

    @ExceptionHandler({ConcurrencyException.class, ConflictingModificationException.class,
            AggregateStreamCreationException.class, OptimisticLockingException.class,
            TaskAlreadyClaimedException.class, DataIntegrityViolationException.class})
    ProblemDetail concurrent(Exception ex) {
        log.info("Concurrent change refused: {}", ex.getClass().getSimpleName());
        return problem(HttpStatus.CONFLICT, "Concurrent change",
                "Another step on this case was taken at the same time; reload the case and try again.", Map.of());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail command(CommandExecutionException ex) {
        if (ex.getCause() instanceof CaseRuleViolation violation) {
            return rule(violation);
        }
        return unexpected(ex);
    }

    @ExceptionHandler(InvalidParameter.class)
    ProblemDetail invalidParameter(InvalidParameter ex) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request parameter", ex.getMessage(),
                Map.of("field", ex.field()));
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound ex) {
        return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage(), Map.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException ex) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", ex.getMessage(), Map.of());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception ex) {
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected failure, reference {}", reference, ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request failed and nothing was changed; quote reference " + reference + " to the administrator.",
                Map.of("reference", reference));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, Map<String, Object> extra) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        new LinkedHashMap<>(extra).forEach(problem::setProperty);
        return problem;
    }

    private static String path(JsonMappingException ex) {
        var out = new StringBuilder();
        for (JsonMappingException.Reference ref : ex.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** {@code person.citizenshipsValid} (an {@code @AssertTrue} check) names the field {@code person.citizenships}. */
    private static String fieldName(FieldError error) {
        String field = error.getField();
        return field.endsWith("Valid") ? field.substring(0, field.length() - "Valid".length()) : field;
    }
}

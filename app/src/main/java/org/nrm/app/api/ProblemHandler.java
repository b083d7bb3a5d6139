package org.nrm.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
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
import org.nrm.workflow.tasks.WorkflowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
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
        // the outermost Jackson failure knows the path; its own cause (e.g. a DateTimeParseException) does not
        JsonMappingException mapping = causeOf(ex, JsonMappingException.class);
        JsonProcessingException parsing = causeOf(ex, JsonProcessingException.class);
        // a syntax error (cut off, not JSON, a repeated key) wins over the wrapper that only adds its path
        JsonProcessingException syntax = syntaxError(ex);
        String field = mapping == null ? "" : path(mapping);
        // what is wrong with the field, without its name (errors[].message); the detail names it
        String message;
        if (syntax instanceof com.fasterxml.jackson.core.exc.InputCoercionException coercion) {
            // a number the field's type cannot hold is well-formed JSON: its field is named, and its range
            field = field.isEmpty() ? parsedSoFar(syntax) : field;
            message = JsonTypes.outOfRange(coercion.getTargetType());
        } else if (syntax != null && syntax.getLocation() != null) {
            field = field.isEmpty() ? parsedSoFar(syntax) : field;
            message = syntaxMessage(syntax, field);
            field = syntaxField(syntax, field);
        } else if (mapping instanceof UnrecognizedPropertyException && !field.isEmpty()) {
            message = "is not a field of this body";
        } else if (mapping instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum() && !field.isEmpty()) {
            message = "must be one of " + Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        } else if (mapping != null && !field.isEmpty()) {
            Class<?> target = mapping instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            message = JsonTypes.expected(target);
        } else if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            // well-formed JSON of the wrong shape: a list, a string or a number where the body is an object
            field = BODY;
            message = JsonTypes.expected(mismatch.getTargetType());
        } else if (parsing != null && parsing.getLocation() != null) {
            field = parsedSoFar(parsing);
            message = syntaxMessage(parsing, field);
            field = syntaxField(parsing, field);
        } else {
            field = BODY;
            message = "must be an object (the request sent none: an empty body, or null)";
        }
        problem.setDetail("'" + field + "' " + message + ".");
        problem.setProperty("field", field);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A syntax error's message (cut off, not JSON, a repeated key), with where the parser stopped. */
    private static String syntaxMessage(JsonProcessingException syntax, String field) {
        String where = " (line " + syntax.getLocation().getLineNr() + ", column "
                + syntax.getLocation().getColumnNr() + ")";
        if (isDuplicate(syntax)) {
            return "is given more than once" + where;
        }
        return field.equals(BODY) ? "is not well-formed JSON or holds more than one JSON value" + where
                : "is not well-formed JSON at '" + field + "'" + where;
    }

    private static boolean isDuplicate(JsonProcessingException syntax) {
        return String.valueOf(syntax.getOriginalMessage()).startsWith("Duplicate field");
    }

    /** A repeated key is its field's fault; a body that is not well-formed is the body's, wherever the parser stopped. */
    private static String syntaxField(JsonProcessingException syntax, String field) {
        return isDuplicate(syntax) ? field : BODY;
    }

    /** The name given to the whole body when it is not JSON at all, or is cut off, or has content after it. */
    static final String BODY = "body";

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = ex.getPropertyName() != null ? ex.getPropertyName()
                : ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : "parameter";
        String expected = ex instanceof MethodArgumentTypeMismatchException
                ? JsonTypes.expectedParameter(ex.getRequiredType(), ex.getValue()) : JsonTypes.expected(ex.getRequiredType());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(
                HttpStatus.BAD_REQUEST, "Invalid request parameter",
                "'" + field + "' " + expected + ".", Map.of("field", field)));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(
                HttpStatus.BAD_REQUEST, "Invalid request parameter", "'" + ex.getParameterName() + "' is required.",
                Map.of("field", ex.getParameterName())));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            org.springframework.web.HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "Unsupported media type", "The API reads application/json bodies only.",
                        Map.of("field", "Content-Type")));
    }

    /** A multipart body the servlet could not even split (a well-formed one gets 415 like any other media type). */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException ex) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                        "The API reads application/json bodies only.", Map.of("field", "Content-Type")));
    }

    /** Where the parser stopped ({@code person.gender}, or {@code body} when not inside any field). */
    private static String parsedSoFar(JsonProcessingException parsing) {
        com.fasterxml.jackson.core.JsonParser parser = parsing instanceof
                com.fasterxml.jackson.core.exc.StreamReadException read ? read.getProcessor() : null;
        if (parser != null) {
            var out = new StringBuilder();
            for (var context = parser.getParsingContext(); context != null; context = context.getParent()) {
                String segment = context.inObject() && context.getCurrentName() != null
                        ? "." + context.getCurrentName()
                        : context.inArray() && context.getCurrentIndex() >= 0 ? "[" + context.getCurrentIndex() + "]"
                        : "";
                out.insert(0, segment);
            }
            String path = out.toString().replaceFirst("^\\.", "");
            if (!path.isEmpty()) {
                return path;
            }
        }
        return BODY;
    }

    private static JsonProcessingException syntaxError(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof com.fasterxml.jackson.core.exc.StreamReadException read
                    && !(cause instanceof com.fasterxml.jackson.databind.DatabindException)) {
                return read;
            }
        }
        return null;
    }

    private static <T extends Throwable> T causeOf(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", fieldName(error), "message", message(error)))
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
            case CONFLICT -> problem(HttpStatus.CONFLICT, conflictTitle(ex.rule()), ex.getMessage(),
                    ex.rule() == null ? Map.of() : Map.of("rule", ex.rule()));
            case INVALID_INPUT -> problem(HttpStatus.BAD_REQUEST, "Invalid request body", ex.getMessage(),
                    Map.of("field", ex.field()));
        };
    }

    private static String conflictTitle(String rule) {
        if (WorkflowException.TASK_HELD.equals(rule)) {
            return "Task held by another case worker";
        }
        if (WorkflowException.REPORT_TRIAGED.equals(rule)) {
            return "Report already triaged";
        }
        return "Task not open";
    }

    @ExceptionHandler(CaseRuleViolation.class)
    ProblemDetail rule(CaseRuleViolation ex) {
        return problem(HttpStatus.CONFLICT, "Step not allowed", ex.getMessage(), Map.of("rule", ex.rule()));
    }

    @ExceptionHandler({ConcurrencyException.class, ConflictingModificationException.class,
            AggregateStreamCreationException.class, OptimisticLockingException.class,
            TaskAlreadyClaimedException.class, DuplicateKeyException.class, PessimisticLockingFailureException.class})
    // Only real conflicts are 409: a unique violation (two steps raced to the same slot) or a lock/serialization
    // failure. Any other database refusal (a NUL byte, a timestamp out of range, text too long for its column) is input
    // that escaped validation: a 500 with a log reference, so it gets fixed, never a misleading "try again".
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
        if (ConcurrencyFailures.isConcurrencyFailure(ex)) {
            return concurrent(ex);
        }
        return unexpected(ex);
    }

    /** The firewall's refusal of a parameter read while the request was handled (a form body with junk names). */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ProblemDetail rejected(org.springframework.security.web.firewall.RequestRejectedException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Request rejected",
                "The request's parameters or body are not allowed (control characters or malformed names).",
                Map.of("field", "body"));
    }

    @ExceptionHandler(org.nrm.app.handover.HandoverRefused.class)
    ProblemDetail handoverRefused(org.nrm.app.handover.HandoverRefused ex) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Handover package refused", ex.getMessage(),
                Map.of("reason", ex.reason(), "rule", ex.reason()));
    }

    @ExceptionHandler(org.nrm.app.handover.HandoverPartners.RegistrationRefused.class)
    ProblemDetail registrationRefused(org.nrm.app.handover.HandoverPartners.RegistrationRefused ex) {
        return ex.conflict()
                ? problem(HttpStatus.CONFLICT, "Step not allowed", ex.getMessage(), Map.of("field", ex.field()))
                : problem(HttpStatus.BAD_REQUEST, "Invalid request body", ex.getMessage(),
                        ex.field() == null ? Map.of() : Map.of("field", ex.field()));
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
        if (ConcurrencyFailures.isConcurrencyFailure(ex)) {
            // a lost race wrapped by the engine, the command bus or the transaction (deadlock, optimistic lock)
            return concurrent(ex);
        }
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
        if (status == HttpStatus.BAD_REQUEST && extra.get("field") instanceof String field && !extra.containsKey("errors")) {
            // every 400 that names a field lists it the way a refused body's fields are listed
            problem.setProperty("errors", List.of(Map.of("field", field, "message", withoutField(field, detail))));
        }
        return problem;
    }

    /**
     * A detail that starts with its field ({@code 'limit' must be between 1 and 500.}) as a message of
     * {@code errors}, which names the field beside it: {@code must be between 1 and 500}.
     */
    static String withoutField(String field, String detail) {
        String text = String.valueOf(detail);
        String prefix = "'" + field + "' ";
        if (text.startsWith(prefix)) {
            text = text.substring(prefix.length());
            return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        }
        return text;
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
    /**
     * The field as a JSON path. An element of a set has no index (Bean Validation names it {@code x[]}): the set itself
     * is named, and {@link #message} says it is about an element.
     */
    private static String fieldName(FieldError error) {
        String field = error.getField();
        field = field.endsWith("Valid") ? field.substring(0, field.length() - "Valid".length()) : field;
        return field.endsWith("[]") ? field.substring(0, field.length() - 2) : field;
    }

    private static String message(FieldError error) {
        String message = String.valueOf(error.getDefaultMessage());
        if (!error.getField().endsWith("[]")) {
            return message;
        }
        return "must not be null".equals(message) ? "must not hold null" : "each element: " + message;
    }
}

package org.nrm.workflow;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** The body of a task completion, read field by field; every refusal names the field. */
public final class CompletionInput {

    private static final int MAX_TEXT = 10_000;

    private final Map<String, Object> body;

    public CompletionInput(Map<String, Object> body) {
        this.body = body == null ? Map.of() : body;
    }

    public <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
        Object value = body.get(field);
        if (value == null) {
            throw WorkflowException.invalid(field, "'" + field + "' is required; one of " + allowed(type) + ".");
        }
        if (value instanceof String text) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(text)) {
                    return constant;
                }
            }
        }
        throw WorkflowException.invalid(field, "'" + field + "' must be one of " + allowed(type) + ".");
    }

    public String requiredText(String field) {
        Object value = body.get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw WorkflowException.invalid(field, "'" + field + "' is required and must be non-empty text.");
        }
        if (text.length() > MAX_TEXT) {
            throw WorkflowException.invalid(field, "'" + field + "' must be at most " + MAX_TEXT + " characters.");
        }
        return text.strip();
    }

    private static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }
}

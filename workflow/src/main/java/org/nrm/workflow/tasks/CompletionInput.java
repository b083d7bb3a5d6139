package org.nrm.workflow.tasks;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** The body of a task completion, read field by field; every refusal names the field. */
public final class CompletionInput {

    private static final int MAX_TEXT = 10_000;

    /** Moments the database can store and the mechanism can mean. */
    private static final java.time.Instant EARLIEST = java.time.Instant.parse("1900-01-01T00:00:00Z");
    private static final java.time.Instant LATEST = java.time.Instant.parse("9999-12-31T23:59:59.999Z");

    private final Map<String, Object> body;
    private final java.util.Set<String> read = new java.util.HashSet<>();

    public CompletionInput(Map<String, Object> body) {
        this.body = body == null ? Map.of() : body;
    }

    /**
     * After the decision has read every field it needs: a field it never looked at is not part of this task's
     * completion (a typo, or a field of another outcome), so it is refused by name rather than silently dropped.
     */
    public void refuseUnread() {
        for (String field : new java.util.TreeSet<>(body.keySet())) {
            if (!read.contains(field)) {
                throw WorkflowException.invalid(field, "Unknown field '" + field + "' for this task and outcome.");
            }
        }
    }

    private Object get(String field) {
        read.add(field);
        return body.get(field);
    }

    public <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
        Object value = get(field);
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

    /** The field must hold exactly {@code expected} (a task with a single outcome). */
    public String requiredValue(String field, String expected) {
        Object value = get(field);
        if (!expected.equals(value)) {
            throw WorkflowException.invalid(field, "'" + field + "' must be " + expected + ".");
        }
        return expected;
    }

    /** Optional text; null when absent or blank. */
    public String optionalText(String field) {
        Object value = get(field);
        if (value == null || (value instanceof String text && text.isBlank())) {
            return null;
        }
        return requiredText(field);
    }

    /** Optional enum; null when absent. */
    public <E extends Enum<E>> E optionalEnum(String field, Class<E> type) {
        return get(field) == null ? null : requiredEnum(field, type);
    }

    /**
     * A moment: an ISO-8601 instant ({@code 2027-06-30T00:00:00Z}), or an ISO date meaning the end of that day in the
     * jurisdiction's time zone.
     */
    public java.time.Instant requiredMoment(String field, java.time.ZoneId zone) {
        String text = requiredText(field);
        java.time.Instant moment;
        try {
            moment = java.time.Instant.parse(text);
        } catch (java.time.format.DateTimeParseException notAnInstant) {
            try {
                moment = java.time.LocalDate.parse(text).plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1);
            } catch (java.time.DateTimeException notADate) {
                throw WorkflowException.invalid(field,
                        "'" + field + "' must be an ISO-8601 date (2027-06-30) or instant (2027-06-30T00:00:00Z).");
            }
        }
        if (moment.isBefore(EARLIEST) || moment.isAfter(LATEST)) {
            throw WorkflowException.invalid(field, "'" + field + "' must lie between 1900-01-01 and 9999-12-31.");
        }
        return moment;
    }

    public String requiredText(String field) {
        Object value = get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw WorkflowException.invalid(field, "'" + field + "' is required and must be non-empty text.");
        }
        if (text.length() > MAX_TEXT) {
            throw WorkflowException.invalid(field, "'" + field + "' must be at most " + MAX_TEXT + " characters.");
        }
        if (text.indexOf('\u0000') >= 0) {
            throw WorkflowException.invalid(field, "'" + field + "' must not contain the NUL character.");
        }
        return text.strip();
    }

    /** Optional boolean; null when absent. */
    public Boolean optionalBoolean(String field) {
        Object value = get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw WorkflowException.invalid(field, "'" + field + "' must be true or false.");
    }

    /**
     * An optional object {@code field} holding the text {@code subfield} ({@code {"reason": ".."}}): null when the
     * object is absent; when present, the text is required (named {@code field.subfield}).
     */
    public String optionalObjectText(String field, String subfield) {
        Object value = get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> object)) {
            throw WorkflowException.invalid(field, "'" + field + "' must be an object with '" + subfield + "'.");
        }
        @SuppressWarnings("unchecked")
        var nested = new CompletionInput((Map<String, Object>) object);
        try {
            return nested.requiredText(subfield);
        } catch (WorkflowException invalid) {
            throw WorkflowException.invalid(field + "." + subfield,
                    "'" + field + "." + subfield + "' is required and must be non-empty text.");
        }
    }

    private static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }
}

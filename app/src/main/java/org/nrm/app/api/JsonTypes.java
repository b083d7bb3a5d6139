package org.nrm.app.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/** What a request field of a Java type must look like, in words for a refusal. */
final class JsonTypes {

    private JsonTypes() {
    }

    /**
     * What a query or path parameter of a Java type must look like: a parameter is text in the URL, so it is never
     * told to be a JSON number or string.
     */
    static String expectedParameter(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "must be a whole number (e.g. 50)";
        }
        if (type != null && (Number.class.isAssignableFrom(type) || type == double.class || type == float.class)) {
            return "must be a number (e.g. 2.5)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        return expected(type);
    }

    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type or format";
        }
        if (type == String.class) {
            return "must be text (a JSON string without control characters other than tab and line breaks)";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "must be a whole number (a JSON number without fraction, not text)";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number (not text)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false (not text or a number)";
        }
        if (type == LocalDate.class) {
            return "must be an existing date as yyyy-MM-dd (e.g. 1990-03-01)";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 instant (e.g. 2026-11-30T12:00:00Z)";
        }
        if (type.isEnum()) {
            return "must be one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type or format";
    }
}

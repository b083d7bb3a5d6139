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
     * told to be a JSON number or string. A whole number too large for the type is told so, not that it is none.
     */
    static String expectedParameter(Class<?> type, Object value) {
        if (isWholeNumber(type)) {
            return value instanceof String text && text.strip().matches("[+-]?\\d+")
                    ? outOfRange(type) : "must be a whole number (e.g. 50)";
        }
        if (isNumber(type)) {
            return "must be a number (e.g. 2.5)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        return expected(type);
    }

    /** A whole number too large (or too small) for the field's type: said so, with the type's range. */
    static String outOfRange(Class<?> type) {
        return isWholeNumber(type) ? "is out of range (a whole number from " + smallest(type) + " to "
                + largest(type) + ")" : "is out of range";
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class;
    }

    private static boolean isNumber(Class<?> type) {
        return type != null && (Number.class.isAssignableFrom(type) || type == double.class || type == float.class);
    }

    private static long smallest(Class<?> type) {
        return type == Long.class || type == long.class ? Long.MIN_VALUE
                : type == Short.class || type == short.class ? Short.MIN_VALUE : Integer.MIN_VALUE;
    }

    private static long largest(Class<?> type) {
        return type == Long.class || type == long.class ? Long.MAX_VALUE
                : type == Short.class || type == short.class ? Short.MAX_VALUE : Integer.MAX_VALUE;
    }

    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type or format";
        }
        if (type == String.class) {
            return "must be text (a JSON string without control characters other than tab and line breaks)";
        }
        if (isWholeNumber(type)) {
            return "must be a whole number (a JSON number without fraction, not text)";
        }
        if (isNumber(type)) {
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

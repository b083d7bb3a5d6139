package org.nrm.app.api;

import java.time.Instant;

/** A request parameter that breaks its schema (400, naming it). */
class InvalidParameter extends RuntimeException {

    /** Instants the database can store and the mechanism can mean: from 1900 to the end of 9999. */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private final String field;

    InvalidParameter(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }

    /** An ISO-8601 instant parameter between 1900 and 9999, or a 400 naming it. */
    static Instant instant(String field, String text) {
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (java.time.format.DateTimeParseException | NullPointerException e) {
            throw new InvalidParameter(field, "'" + field + "' must be an ISO-8601 instant (2026-11-30T12:00:00Z).");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidParameter(field, "'" + field + "' must lie between 1900-01-01 and 9999-12-31.");
        }
        return instant;
    }

    /**
     * Text of at most {@code max} characters without control characters other than tab and line breaks (PostgreSQL
     * cannot store NUL; the others have no place in an id or a reason), or a 400 naming it. Null stays null.
     */
    static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw new InvalidParameter(field, "'" + field + "' must be at most " + max + " characters.");
        }
        if (PlainText.hasControlCharacter(value)) {
            throw new InvalidParameter(field, "'" + field + "' must not contain control characters.");
        }
        return value;
    }
}

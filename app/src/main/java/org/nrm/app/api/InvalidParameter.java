package org.nrm.app.api;

/** A request parameter that breaks its schema (400, naming it). */
class InvalidParameter extends RuntimeException {

    private final String field;

    InvalidParameter(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }

    /** An ISO-8601 instant parameter, or a 400 naming it. */
    static java.time.Instant instant(String field, String text) {
        try {
            return java.time.Instant.parse(text);
        } catch (java.time.format.DateTimeParseException | NullPointerException e) {
            throw new InvalidParameter(field, "'" + field + "' must be an ISO-8601 instant (2026-11-30T12:00:00Z).");
        }
    }
}

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
}

package org.nrm.app.web;

/** A page about something unknown or not visible to the user: answered alike (404), so existence does not leak. */
class PageNotFound extends RuntimeException {

    PageNotFound() {
        super("not found");
    }
}

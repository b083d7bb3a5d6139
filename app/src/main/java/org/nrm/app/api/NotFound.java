package org.nrm.app.api;

/** Unknown, or not visible to the caller: the two are answered alike so that existence does not leak. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }

    static NotFound aCase(String caseId) {
        return new NotFound("No case " + caseId + " that you may see.");
    }
}

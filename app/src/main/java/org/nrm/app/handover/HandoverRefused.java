package org.nrm.app.handover;

/**
 * A handover package this installation does not accept, with the reason (a code: {@code unknown-key},
 * {@code revoked-key}, {@code bad-signature}, {@code altered-package}, {@code expired}, {@code replayed},
 * {@code wrong-source-country}, {@code wrong-destination}, {@code malformed-package}, or the rule of the case the
 * package would open). Answered 422; nothing is stored.
 */
public class HandoverRefused extends RuntimeException {

    private final String reason;

    public HandoverRefused(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}

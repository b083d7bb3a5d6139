package org.nrm.app.api;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.nrm.app.protection.BreakGlassGround;

/** The parameters of a break-glass read: a ground from a fixed list (default OTHER) and a bounded free-text reason. */
final class BreakGlass {

    static final int MAX_REASON = 2_000;

    private BreakGlass() {
    }

    static BreakGlassGround ground(String text) {
        if (text == null || text.isBlank()) {
            return BreakGlassGround.OTHER;
        }
        try {
            return BreakGlassGround.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("breakGlassGround", "'breakGlassGround' must be one of "
                    + Arrays.stream(BreakGlassGround.values()).map(Enum::name).collect(Collectors.joining(", "))
                    + ".");
        }
    }

    static String reason(String text) {
        String reason = text.strip();
        if (reason.length() > MAX_REASON) {
            throw new InvalidParameter("breakGlassReason",
                    "'breakGlassReason' must be at most " + MAX_REASON + " characters.");
        }
        if (reason.chars().anyMatch(c -> c == 0)) {
            throw new InvalidParameter("breakGlassReason", "'breakGlassReason' must not contain NUL characters.");
        }
        return reason;
    }
}

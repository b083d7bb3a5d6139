package org.nrm.referral.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deadlines a step set, as recorded in its events, returned by the command so that the process schedules its
 * timers from the legal record rather than computing them again.
 */
public record Deadlines(Map<String, Instant> at, List<Instant> followUps) {

    public static final String REASONABLE_GROUNDS_DUE_AT = "reasonableGroundsDueAt";
    public static final String RECOVERY_PERIOD_ENDS_AT = "recoveryPeriodEndsAt";
    public static final String RECONSIDERATION_WINDOW_ENDS_AT = "reconsiderationWindowEndsAt";
    public static final String MOVE_ON_SUPPORT_ENDS_AT = "moveOnSupportEndsAt";
    /** Returned by the step that ended move-on support, with the moment it ended. */
    public static final String MOVE_ON_SUPPORT_ENDED_AT = "moveOnSupportEndedAt";
    public static final String PERMIT_REMINDER_AT = "permitReminderAt";
    public static final String PERMIT_VALID_UNTIL = "permitValidUntil";

    public Deadlines {
        at = Map.copyOf(at);
        followUps = followUps == null ? List.of() : List.copyOf(followUps);
    }

    public static Deadlines none() {
        return new Deadlines(Map.of(), List.of());
    }

    public Deadlines with(String name, Instant instant) {
        var copy = new LinkedHashMap<>(at);
        copy.put(name, instant);
        return new Deadlines(copy, followUps);
    }

    public static Deadlines followUps(List<Instant> followUps) {
        return new Deadlines(Map.of(), followUps);
    }
}

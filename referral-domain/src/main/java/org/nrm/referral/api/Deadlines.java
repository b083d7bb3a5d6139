package org.nrm.referral.api;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The deadlines a step set, as recorded in its events, returned by the command so that the process schedules its
 * timers from the legal record rather than computing them again. The domain names its deadlines; which process
 * variable a timer reads is the workflow's business ({@code org.nrm.workflow.ProcessVariables}).
 */
public record Deadlines(Map<Deadline, Instant> at, List<Instant> followUps) {

    /** The deadlines of the mechanism a command can set. */
    public enum Deadline {
        REASONABLE_GROUNDS_DUE,
        RECOVERY_PERIOD_ENDS,
        RECONSIDERATION_WINDOW_ENDS,
        MOVE_ON_SUPPORT_ENDS,
        /** Returned by the step that ended move-on support, with the moment it ended. */
        MOVE_ON_SUPPORT_ENDED,
        PERMIT_REMINDER,
        PERMIT_VALID_UNTIL
    }

    public Deadlines {
        at = at.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(at));
        followUps = followUps == null ? List.of() : List.copyOf(followUps);
    }

    public static Deadlines none() {
        return new Deadlines(Map.of(), List.of());
    }

    public Deadlines with(Deadline deadline, Instant instant) {
        var copy = new EnumMap<Deadline, Instant>(Deadline.class);
        copy.putAll(at);
        copy.put(deadline, instant);
        return new Deadlines(copy, followUps);
    }

    public static Deadlines followUps(List<Instant> followUps) {
        return new Deadlines(Map.of(), followUps);
    }
}

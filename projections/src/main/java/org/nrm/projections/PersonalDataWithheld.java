package org.nrm.projections;

/**
 * Read models never need personal data, nor does an aggregate's state: while a projection handles an event, or a
 * command is handled, on this thread, the event store's deserializer gives personal values a placeholder instead of
 * decrypting them (which would cost a key lookup and a decryption per event, and would put names in memory that no
 * view may hold). Set by {@link SavepointPerEvent} and by the command bus's handler interceptor (app). Only reading is
 * affected: events are always written in full.
 */
public final class PersonalDataWithheld {

    /** The placeholder for every personal text while withheld. */
    public static final String WITHHELD = "[withheld]";

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private PersonalDataWithheld() {
    }

    /** True while a projection handles an event, or a command is handled, on this thread. */
    public static boolean active() {
        return Boolean.TRUE.equals(ACTIVE.get());
    }

    /** Runs {@code work} with personal data withheld on this thread. */
    public static <T> T during(java.util.concurrent.Callable<T> work) throws Exception {
        boolean outer = active();
        ACTIVE.set(Boolean.TRUE);
        try {
            return work.call();
        } finally {
            if (!outer) {
                ACTIVE.remove();
            }
        }
    }
}

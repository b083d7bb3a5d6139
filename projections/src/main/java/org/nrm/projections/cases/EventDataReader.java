package org.nrm.projections.cases;

import java.util.Map;

/**
 * Turns an event's stored data into what a reader of the history sees. The application decrypts personal data for
 * the agencies involved, and withholds it, without decrypting anything, for oversight and for views computed from the
 * history.
 */
public interface EventDataReader {

    /** The event's data with its personal values opened (or {@code [erased]} once the person is erased). */
    Map<String, Object> read(String payloadType, Map<String, Object> storedData);

    /** The event's data with every personal value replaced by a placeholder; nothing is decrypted. */
    Map<String, Object> withheld(String payloadType, Map<String, Object> storedData);
}

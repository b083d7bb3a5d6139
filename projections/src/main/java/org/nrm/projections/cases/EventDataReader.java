package org.nrm.projections.cases;

import java.util.Map;

/** Turns an event's stored data into what a reader of the history sees (the application decrypts personal data). */
@FunctionalInterface
public interface EventDataReader {

    Map<String, Object> read(Map<String, Object> storedData);
}

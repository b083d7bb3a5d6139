package org.nrm.projections.cases;

import java.time.Instant;
import java.util.Map;

/** One step of a case as the event store records it. */
public record HistoryEntry(long sequence, String type, Instant occurredAt, String actor, String agency,
                           Map<String, Object> data) {
}

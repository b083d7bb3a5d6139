package org.nrm.app.protection;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Verifies the hash chains of every aggregate that holds events of a case: each stored event must hash to the value
 * its metadata carries, name its predecessor's hash, and follow it without a gap.
 */
@Component
public class EventIntegrity {

    public record Break(String aggregateId, long sequence, String eventId, String reason) {
    }

    public record Report(String caseId, boolean intact, int eventsVerified, int aggregates, List<Break> breaks) {
    }

    private final JdbcTemplate jdbc;

    public EventIntegrity(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Report verify(String caseId) {
        List<String> aggregates = jdbc.queryForList(
                "SELECT DISTINCT aggregateidentifier FROM domainevententry WHERE case_id = ?", String.class, caseId);
        List<Break> breaks = new ArrayList<>();
        int[] events = {0};
        if (!aggregates.isEmpty()) {
            jdbc.query("""
                    WITH e AS (
                        SELECT aggregateidentifier, sequencenumber, eventidentifier, payloadtype, payloadrevision,
                               timestamp, payload, convert_from(metadata, 'UTF8')::jsonb AS meta
                          FROM domainevententry WHERE aggregateidentifier = ANY (?))
                    SELECT aggregateidentifier, sequencenumber, eventidentifier,
                           meta ->> 'hash' AS stored_hash,
                           meta ->> 'previousHash' AS stored_previous,
                           coalesce(lag(meta ->> 'hash') OVER w, 'genesis') AS actual_previous,
                           coalesce(lag(sequencenumber) OVER w, -1) AS previous_sequence,
                           nrm_event_hash(meta ->> 'previousHash', aggregateidentifier, sequencenumber, eventidentifier,
                                          payloadtype, payloadrevision, timestamp, meta, payload) AS recomputed
                      FROM e WINDOW w AS (PARTITION BY aggregateidentifier ORDER BY sequencenumber)
                     ORDER BY aggregateidentifier, sequencenumber""", rs -> {
                events[0]++;
                String aggregate = rs.getString("aggregateidentifier");
                long sequence = rs.getLong("sequencenumber");
                String eventId = rs.getString("eventidentifier");
                String stored = rs.getString("stored_hash");
                if (stored == null) {
                    breaks.add(new Break(aggregate, sequence, eventId, "no hash in the event's metadata"));
                } else if (!stored.equals(rs.getString("recomputed"))) {
                    breaks.add(new Break(aggregate, sequence, eventId,
                            "the stored event no longer matches its hash (payload, metadata or identity changed)"));
                }
                if (!rs.getString("actual_previous").equals(rs.getString("stored_previous"))) {
                    breaks.add(new Break(aggregate, sequence, eventId, "the link to the previous event is broken"));
                }
                if (rs.getLong("previous_sequence") != sequence - 1) {
                    breaks.add(new Break(aggregate, sequence, eventId, "events before this one are missing"));
                }
            }, (Object) aggregates.toArray(String[]::new));
        }
        return new Report(caseId, breaks.isEmpty() && events[0] > 0, events[0], aggregates.size(), breaks);
    }
}

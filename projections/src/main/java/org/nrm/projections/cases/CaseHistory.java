package org.nrm.projections.cases;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nrm.referral.api.Actor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every event of a case, oldest first, whichever aggregate recorded it, read from the event store itself (the legal
 * record) by the {@code case_id} the store derives from each payload.
 */
@Component
public class CaseHistory {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final EventDataReader reader;

    public CaseHistory(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper mapper,
                       EventDataReader reader) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.reader = reader;
    }

    public boolean exists(String caseId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM domainevententry WHERE case_id = ?)", Boolean.class, caseId));
    }

    public List<HistoryEntry> of(String caseId) {
        return until(caseId, null);
    }

    /** The case's events that occurred up to and including {@code until} (all of them when null). */
    public List<HistoryEntry> until(String caseId, Instant until) {
        return entries(caseId, until, true);
    }

    /** Every event of the case with its personal data (free text included) withheld: nothing is decrypted. */
    public List<HistoryEntry> withheld(String caseId) {
        return withheldUntil(caseId, null);
    }

    /** {@link #withheld(String)} up to and including {@code until} (all of them when null). */
    public List<HistoryEntry> withheldUntil(String caseId, Instant until) {
        return entries(caseId, until, false);
    }

    private List<HistoryEntry> entries(String caseId, Instant until, boolean personal) {
        List<HistoryEntry> entries = new ArrayList<>();
        jdbc.query("SELECT globalindex, aggregateidentifier, payloadtype, timestamp, payload, metadata "
                + "FROM domainevententry WHERE case_id = ? ORDER BY globalindex", rs -> {
                    Instant occurredAt = Instant.parse(rs.getString("timestamp"));
                    if (until != null && occurredAt.isAfter(until)) {
                        return;
                    }
                    Map<String, Object> meta = read(rs.getBytes("metadata"));
                    String type = rs.getString("payloadtype");
                    entries.add(new HistoryEntry(entries.size(), type.substring(type.lastIndexOf('.') + 1), occurredAt,
                            (String) meta.get(Actor.USER_KEY), (String) meta.get(Actor.AGENCY_KEY),
                            personal ? reader.read(type, read(rs.getBytes("payload")))
                                    : reader.withheld(type, read(rs.getBytes("payload")))));
                }, caseId);
        return entries;
    }

    private Map<String, Object> read(byte[] json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.nrm.projections.cases;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nrm.referral.model.CaseState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The case as it stood at a moment, folded from its events up to that moment (the legal record) by the domain's one
 * fold of a case ({@link CaseState}, as the aggregate and the case views' rebuild fold it), personal data withheld.
 */
@Component
public class CaseAsOf {

    private final JdbcTemplate jdbc;
    private final StoredEvents events;

    public CaseAsOf(JdbcTemplate jdbc, StoredEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public Optional<Map<String, Object>> at(String caseId, Instant moment) {
        CaseState state = new CaseState();
        int[] steps = {0};
        Instant[] last = {null};
        jdbc.query("SELECT payloadtype, payload, metadata, sequencenumber, timestamp FROM domainevententry "
                + "WHERE case_id = ? ORDER BY globalindex", rs -> {
                    Instant occurredAt = Instant.parse(rs.getString("timestamp"));
                    if (occurredAt.isAfter(moment)) {
                        return;
                    }
                    String type = rs.getString("payloadtype");
                    Object event = events.withheld(type, rs.getBytes("payload"));
                    if (event != null) {
                        state.apply(event, rs.getLong("sequencenumber"),
                                type.endsWith(".IdentificationUpdated") ? events.actor(rs.getBytes("metadata")) : null);
                    }
                    steps[0]++;
                    last[0] = occurredAt;
                }, caseId);
        if (steps[0] == 0) {
            return Optional.empty();
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("caseId", caseId);
        view.put("asOf", moment);
        view.put("reconsiderationPending", state.reconsiderationPending());
        put(view, "reference", state.reference());
        put(view, "stage", state.stage());
        if (state.opened()) {
            view.put("child", state.child());
            view.put("foreignNational", state.foreignNational());
        }
        if (state.disqualified()) {
            view.put("disqualified", true);
        }
        put(view, "borderCrossingDocuments", state.borderCrossingDocuments());
        put(view, "reasonableGrounds", state.reasonableGroundsDecidedHere());
        put(view, "conclusiveGrounds", state.conclusiveGroundsDecidedHere());
        put(view, "durableSolution", state.durableSolution());
        put(view, "shelterId", state.shelterId());
        put(view, "permitStatus", state.permitStatus());
        put(view, "returnStatus", state.returnStatus());
        put(view, "closureCategory", state.closureCategory());
        view.put("steps", steps[0]);
        view.put("lastStepAt", last[0]);
        return Optional.of(view);
    }

    private static void put(Map<String, Object> view, String key, Object value) {
        if (value != null) {
            view.put(key, value instanceof Enum<?> e ? e.name() : value);
        }
    }
}

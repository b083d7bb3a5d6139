package org.nrm.projections.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the case view consistently with the event store: when the view has not yet applied the case's last stored
 * event (the projection runs asynchronously), the read waits briefly for it, so whoever has just taken a step sees it
 * on their next read.
 */
@Component
public class CaseViews {

    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final org.nrm.projections.ViewTables tables;

    public CaseViews(JdbcTemplate jdbc, org.nrm.projections.ViewTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    public Optional<CaseView> find(String caseId) {
        Long last = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry WHERE case_id = ?", Long.class,
                caseId);
        if (last == null) {
            return Optional.empty();
        }
        if (tables.servingSnapshot()) {
            // the live view is being rebuilt: answer from the snapshot of the old one, as it is
            return jdbc.query("SELECT * FROM case_view_serving WHERE case_id = ?", CaseViews::map, caseId).stream()
                    .findFirst();
        }
        long deadline = System.nanoTime() + CATCH_UP_WAIT.toNanos();
        Optional<CaseView> view = read(caseId);
        while ((view.isEmpty() || view.get().lastEventIndex() < last) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            view = read(caseId);
        }
        return view;
    }

    /** The identification part of the case view (read after {@link #find}, which waits for the view to catch up). */
    public Optional<CaseIdentification> identification(String caseId) {
        String table = tables.servingSnapshot() ? "case_view_serving" : "case_view";
        return jdbc.query("SELECT exploitation_types, exploitation_location, indicators, identification_updated_at, "
                + "identification_updated_by, border_crossing_documents, move_on_support_ended_at, "
                + "guardian_replacements FROM " + table + " WHERE case_id = ?", (rs, row) -> new CaseIdentification(
                texts(rs.getArray(1)), rs.getString(2), texts(rs.getArray(3)), instant(rs, "identification_updated_at"),
                rs.getString(5), rs.getString(6), instant(rs, "move_on_support_ended_at"), rs.getInt(8)), caseId)
                .stream().findFirst();
    }

    /**
     * A returning national's pathway (issue 16): the decision taken abroad, whether the case came from a handover
     * package, when the person was met on arrival and how many follow-ups are recorded; and for every case the
     * handover packages issued from it. Empty for an unknown case.
     */
    public Optional<java.util.Map<String, Object>> returnPathway(String caseId) {
        String table = tables.servingSnapshot() ? "case_view_serving" : "case_view";
        return jdbc.query("SELECT returning_national, decision_abroad::text, handover_imported, arrival_met_at, "
                + "reintegration_follow_ups, handovers_exported, last_handover_exported_at FROM " + table
                + " WHERE case_id = ?", (rs, row) -> {
                    var out = new java.util.LinkedHashMap<String, Object>();
                    out.put("returningNational", rs.getBoolean(1));
                    String decision = rs.getString(2);
                    try {
                        out.put("decisionAbroad", decision == null ? null
                                : new com.fasterxml.jackson.databind.ObjectMapper().readValue(decision,
                                java.util.Map.class));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                    out.put("fromHandoverPackage", rs.getBoolean(3));
                    out.put("arrivalMetAt", instant(rs, "arrival_met_at"));
                    out.put("followUps", rs.getInt(5));
                    out.put("handoverPackagesIssued", rs.getInt(6));
                    out.put("lastHandoverPackageIssuedAt", instant(rs, "last_handover_exported_at"));
                    return (java.util.Map<String, Object>) out;
                }, caseId).stream().findFirst();
    }

    /** The circumstances of the exploitation recorded at referral (read after {@link #find}, like the identification). */
    public Optional<CaseExploitationDetails> exploitationDetails(String caseId) {
        String table = tables.servingSnapshot() ? "case_view_serving" : "case_view";
        return jdbc.query("SELECT exploitation_details::text FROM " + table + " WHERE case_id = ?",
                (rs, row) -> CaseExploitationDetails.fromJson(rs.getString(1)), caseId).stream().findFirst();
    }

    private static java.util.List<String> texts(java.sql.Array array) throws SQLException {
        if (array == null) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream((Object[]) array.getArray()).map(String::valueOf).sorted().toList();
    }

    /** The views of the given cases (as they stand, without waiting), in the given order; unknown ones left out. */
    public java.util.List<CaseView> list(java.util.List<String> caseIds) {
        if (caseIds.isEmpty()) {
            return java.util.List.of();
        }
        var byId = new java.util.HashMap<String, CaseView>();
        jdbc.query(tables.rewrite("SELECT * FROM case_view WHERE case_id = ANY (?)"), rs -> {
            CaseView view = map(rs, 0);
            byId.put(view.caseId(), view);
        }, (Object) caseIds.toArray(String[]::new));
        return caseIds.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** How many case references {@link #referencesOf} keeps (a few MB), the least recently read dropped first. */
    private static final int REFERENCES_KEPT = 50_000;

    /**
     * Case references already read. A case's reference is written once, when its view is inserted, and never changed
     * (an erasure keeps it), so a kept one stays true; a queue read again and again reads only the cases new to it.
     */
    private final java.util.Map<String, String> references = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
                    return size() > REFERENCES_KEPT;
                }
            });

    /**
     * The references of the given cases, by case id: those read before from memory, the others with one index lookup
     * for the page of a queue; cases without a view (yet) absent.
     */
    public java.util.Map<String, String> referencesOf(java.util.Collection<String> caseIds) {
        var out = new java.util.HashMap<String, String>();
        var missing = new java.util.ArrayList<String>();
        for (String caseId : new java.util.LinkedHashSet<>(caseIds)) {
            String known = references.get(caseId);
            if (known != null) {
                out.put(caseId, known);
            } else {
                missing.add(caseId);
            }
        }
        if (!missing.isEmpty()) {
            jdbc.query(tables.rewrite("SELECT case_id, reference FROM case_view WHERE case_id = ANY (?)"),
                    rs -> {
                        out.put(rs.getString(1), rs.getString(2));
                        references.put(rs.getString(1), rs.getString(2));
                    }, (Object) missing.toArray(String[]::new));
        }
        return out;
    }

    /** The most recently referred cases (oversight's way into a case's audit). */
    public java.util.List<CaseView> recent(int limit) {
        return jdbc.query(tables.rewrite("SELECT * FROM case_view ORDER BY referred_at DESC NULLS LAST LIMIT ?"),
                CaseViews::map, limit);
    }

    /** The case with this public reference. */
    public Optional<String> caseIdOf(String reference) {
        return jdbc.queryForList(tables.rewrite("SELECT case_id FROM case_view WHERE reference = ?"), String.class,
                reference).stream().findFirst();
    }

    private Optional<CaseView> read(String caseId) {
        return jdbc.query("SELECT * FROM case_view WHERE case_id = ?", CaseViews::map, caseId).stream().findFirst();
    }

    static CaseView map(ResultSet rs, int row) throws SQLException {
        return new CaseView(rs.getString("case_id"), rs.getString("reference"), rs.getString("stage"),
                rs.getBoolean("child"), rs.getBoolean("foreign_national"), rs.getBoolean("needs_accommodation"),
                rs.getString("referring_agency"), instant(rs, "referred_at"), rs.getString("gender"),
                rs.getString("age_group"), rs.getString("nationality"), rs.getBoolean("guardian_appointed"),
                rs.getString("reasonable_grounds"), instant(rs, "reasonable_grounds_due_at"),
                instant(rs, "reasonable_grounds_decided_at"), instant(rs, "recovery_period_started_at"),
                instant(rs, "recovery_period_minimum_ends_at"), instant(rs, "recovery_period_ends_at"),
                instant(rs, "recovery_period_ended_at"), rs.getString("conclusive_grounds"),
                instant(rs, "conclusive_grounds_decided_at"), instant(rs, "reconsideration_window_ends_at"),
                rs.getBoolean("reconsideration_pending"), instant(rs, "move_on_support_ends_at"),
                rs.getBoolean("disqualified"), rs.getString("durable_solution"), rs.getString("shelter_id"),
                rs.getBoolean("accommodation_declined"), rs.getString("permit_status"),
                instant(rs, "permit_valid_until"), rs.getString("return_status"), rs.getInt("deadline_breaches"),
                rs.getString("closure_category"), instant(rs, "closed_at"), rs.getLong("last_event_index"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}

package org.nrm.projections.prosecution;

import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.nrm.referral.api.CooperationRecorded;
import org.nrm.referral.api.InvestigationOpened;
import org.nrm.referral.api.JourneyLeg;
import org.nrm.referral.api.JourneyRecorded;
import org.nrm.referral.api.ProsecutionOutcomeRecorded;
import org.nrm.referral.api.WitnessProtectionRecorded;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The criminal case ({@code criminal_case}) and the journey's stages and countries ({@code case_journey}) of each case,
 * written in the transaction of the command that recorded them (a subscribing processor). Idempotent: every handler
 * sets the row to what its event says. Nothing personal is read from the events (the journey's places and dates, the
 * protection notes are left in them, sealed).
 */
@Component
@ProcessingGroup(CriminalCaseProjection.PROCESSING_GROUP)
public class CriminalCaseProjection {

    public static final String PROCESSING_GROUP = "criminal-cases";

    private final JdbcTemplate jdbc;

    public CriminalCaseProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(InvestigationOpened event) {
        jdbc.update("""
                INSERT INTO criminal_case (case_id, investigating_agency, prosecuting_agency, reference, opened_on,
                                           updated_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING""", event.caseId(),
                event.investigatingAgency(), event.prosecutingAgency(), event.reference(),
                java.sql.Date.valueOf(event.openedOn()), ts(event.recordedAt()));
    }

    @EventHandler
    void on(CooperationRecorded event) {
        jdbc.update("UPDATE criminal_case SET cooperation = ?, cooperation_recorded_at = ?, updated_at = ? "
                + "WHERE case_id = ?", event.status().name(), ts(event.recordedAt()), ts(event.recordedAt()),
                event.caseId());
    }

    @EventHandler
    void on(WitnessProtectionRecorded event) {
        String[] measures = event.measures().stream().map(Enum::name).sorted().toArray(String[]::new);
        jdbc.update(con -> {
            var ps = con.prepareStatement("UPDATE criminal_case SET protective_measures = ?, updated_at = ? "
                    + "WHERE case_id = ?");
            ps.setArray(1, con.createArrayOf("varchar", measures));
            ps.setTimestamp(2, ts(event.recordedAt()));
            ps.setString(3, event.caseId());
            return ps;
        });
    }

    @EventHandler
    void on(ProsecutionOutcomeRecorded event) {
        jdbc.update("""
                UPDATE criminal_case SET suspects_charged = ?, offence = ?, verdict = ?, sentence_months = ?,
                       compensation_ordered = ?, compensation_currency = ?, decided_on = ?, updated_at = ?
                 WHERE case_id = ?""", event.suspectsCharged(), event.offence().name(), event.verdict().name(),
                event.sentenceMonths(), event.compensationOrdered(), event.currency(),
                event.decidedOn() == null ? null : java.sql.Date.valueOf(event.decidedOn()), ts(event.recordedAt()),
                event.caseId());
    }

    @EventHandler
    void on(JourneyRecorded event) {
        String[] stages = event.legs().stream().map(l -> l.stage().name()).toArray(String[]::new);
        String[] countries = event.legs().stream().map(JourneyLeg::country).toArray(String[]::new);
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    INSERT INTO case_journey (case_id, stages, countries, recorded_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (case_id) DO UPDATE SET stages = excluded.stages, countries = excluded.countries,
                                                        recorded_at = excluded.recorded_at""");
            ps.setString(1, event.caseId());
            ps.setArray(2, con.createArrayOf("varchar", stages));
            ps.setArray(3, con.createArrayOf("varchar", countries));
            ps.setTimestamp(4, ts(event.recordedAt()));
            return ps;
        });
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

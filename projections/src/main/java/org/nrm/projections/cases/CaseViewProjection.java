package org.nrm.projections.cases;

import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.nrm.referral.api.AnonymousNotificationMade;
import org.nrm.referral.api.CaseStage;
import org.nrm.referral.api.ReasonableGroundsDecided;
import org.nrm.referral.api.RecoveryPeriodStarted;
import org.nrm.referral.api.ReferralSubmitted;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds {@code case_view} from the case's events. Every handler is idempotent: inserts ignore an existing row and
 * updates only apply when the event is newer than the row's {@code version}.
 */
@Component
@ProcessingGroup(CaseViewProjection.PROCESSING_GROUP)
public class CaseViewProjection {

    public static final String PROCESSING_GROUP = "case-views";

    private final JdbcTemplate jdbc;

    public CaseViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ReferralSubmitted event, @SequenceNumber long sequence) {
        jdbc.update("""
                INSERT INTO case_view (case_id, reference, stage, child, foreign_national, needs_accommodation,
                                       referring_agency, referred_at, reasonable_grounds_due_at, version, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING""",
                event.caseId(), event.reference(), CaseStage.AWAITING_REASONABLE_GROUNDS.name(), event.presumedChild(),
                event.foreignNational(), event.needsAccommodation(), event.referringAgency(), ts(event.referredAt()),
                ts(event.reasonableGroundsDueAt()), sequence, ts(event.referredAt()));
    }

    @EventHandler
    void on(AnonymousNotificationMade event, @SequenceNumber long sequence) {
        jdbc.update("""
                INSERT INTO case_view (case_id, reference, stage, child, foreign_national, referring_agency,
                                       referred_at, version, updated_at)
                VALUES (?, ?, ?, FALSE, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING""",
                event.caseId(), event.reference(), CaseStage.NOTIFICATION.name(), event.foreignNational(),
                event.referringAgency(), ts(event.notifiedAt()), sequence, ts(event.notifiedAt()));
    }

    @EventHandler
    void on(ReasonableGroundsDecided event, @SequenceNumber long sequence) {
        jdbc.update("""
                UPDATE case_view SET reasonable_grounds = ?, reasonable_grounds_decided_at = ?, version = ?, updated_at = ?
                WHERE case_id = ? AND version < ?""",
                event.outcome().name(), ts(event.decidedAt()), sequence, ts(event.decidedAt()), event.caseId(), sequence);
    }

    @EventHandler
    void on(RecoveryPeriodStarted event, @SequenceNumber long sequence) {
        jdbc.update("""
                UPDATE case_view SET stage = ?, recovery_period_started_at = ?, recovery_period_minimum_ends_at = ?,
                                     version = ?, updated_at = ?
                WHERE case_id = ? AND version < ?""",
                CaseStage.RECOVERY_PERIOD.name(), ts(event.startedAt()), ts(event.minimumEndsAt()), sequence,
                ts(event.startedAt()), event.caseId(), sequence);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM case_view");
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

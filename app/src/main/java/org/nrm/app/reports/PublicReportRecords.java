package org.nrm.app.reports;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.nrm.referral.api.PublicReportDismissed;
import org.nrm.referral.api.PublicReportMerged;
import org.nrm.referral.api.PublicReportReceived;
import org.nrm.referral.api.PublicReportReferred;
import org.nrm.referral.api.ScreeningRecorded;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code public_report} and {@code referral_screening} (V70), written in the transaction of the command that recorded
 * the event (subscribing processor {@value #PROCESSING_GROUP}). Idempotent: a redelivered arrival inserts nothing, a
 * redelivered triage step finds the report already past {@code OPEN}.
 */
@Component
@ProcessingGroup(PublicReportRecords.PROCESSING_GROUP)
class PublicReportRecords {

    static final String PROCESSING_GROUP = "public-reports";

    private final JdbcTemplate jdbc;

    PublicReportRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PublicReportReceived event) {
        jdbc.update("""
                INSERT INTO public_report (report_id, receipt, channel, campaign, occurred_on,
                                           received_at, triage_due_at, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN') ON CONFLICT (report_id) DO NOTHING""",
                event.reportId(), event.receipt(), event.channel().name(), event.campaign(),
                event.occurredOn() == null ? null : java.sql.Date.valueOf(event.occurredOn()),
                ts(event.receivedAt()), ts(event.triageDueAt()));
    }

    @EventHandler
    void on(PublicReportDismissed event) {
        triaged(event.reportId(), "DISMISSED", event.dismissedAt(), null, null);
    }

    @EventHandler
    void on(PublicReportMerged event) {
        triaged(event.reportId(), "MERGED", event.mergedAt(), event.duplicateOf(), null);
    }

    @EventHandler
    void on(PublicReportReferred event) {
        triaged(event.reportId(), "REFERRED", event.referredAt(), null, event.caseId());
    }

    @EventHandler
    void on(ScreeningRecorded event) {
        var s = event.screening();
        jdbc.update("""
                INSERT INTO referral_screening (case_id, result, child, acts, means, purposes, smuggling, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (case_id) DO UPDATE SET result = EXCLUDED.result, child = EXCLUDED.child,
                    acts = EXCLUDED.acts, means = EXCLUDED.means, purposes = EXCLUDED.purposes,
                    smuggling = EXCLUDED.smuggling, recorded_at = EXCLUDED.recorded_at
                WHERE referral_screening.recorded_at <= EXCLUDED.recorded_at""",
                event.caseId(), event.result().name(), event.child(), array(s.acts()), array(s.means()),
                array(s.purposes()), array(s.smuggling()), ts(event.recordedAt()));
    }

    private void triaged(String reportId, String status, Instant at, String duplicateOf, String caseId) {
        jdbc.update("UPDATE public_report SET status = ?, triaged_at = ?, duplicate_of = ?, case_id = ? "
                + "WHERE report_id = ? AND status = 'OPEN'", status, ts(at), duplicateOf, caseId, reportId);
    }

    private static String[] array(java.util.Set<String> codes) {
        return List.copyOf(new java.util.TreeSet<>(codes)).toArray(String[]::new);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

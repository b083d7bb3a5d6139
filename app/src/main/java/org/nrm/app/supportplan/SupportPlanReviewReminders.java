package org.nrm.app.supportplan;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.nrm.projections.ViewTables;
import org.nrm.workflow.queue.Notifications;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds a support plan's owner when the plan's review falls due (the jurisdiction's
 * {@code nrm.jurisdiction.support-plan-review-days} after it was opened or last reviewed): a notification to every user
 * of the owning agency ({@code support-plan-review-due}, no personal data: the case id and the due date), as the
 * mechanism tells an agency of a deadline breach, and {@code nrm.support-plan.reviews-due} counts it. Once per plan and
 * due date ({@code support_plan_review_reminder}, the insert is the guard, so two nodes or two sweeps remind once); a
 * review sets the next due date, which is reminded of in its turn. Plans of closed cases are not reminded of. The sweep
 * runs every {@code nrm.support-plan.review-sweep-millis} (60 s; the demo-fast profile 1 s).
 */
@Component
public class SupportPlanReviewReminders {

    public static final String KIND = "support-plan-review-due";

    private record Due(String planId, String caseId, String ownerAgency, Instant reviewDueAt) {
    }

    private final JdbcTemplate jdbc;
    private final ViewTables tables;
    private final Notifications notifications;
    private final MeterRegistry meters;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public SupportPlanReviewReminders(JdbcTemplate jdbc, ViewTables tables, Notifications notifications,
                                      MeterRegistry meters, Clock clock,
                                      PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.notifications = notifications;
        this.meters = meters;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Scheduled(fixedDelayString = "${nrm.support-plan.review-sweep-millis:60000}", initialDelay = 5_000)
    void sweep() {
        remindDue(clock.instant());
    }

    /**
     * Reminds the owners of the plans whose review is due at {@code now} and not yet reminded of; how many. One
     * transaction: the guard row and the notification are stored together or not at all.
     */
    public int remindDue(Instant now) {
        Integer reminded = transaction.execute(status -> remind(now));
        return reminded == null ? 0 : reminded;
    }

    private int remind(Instant now) {
        List<Due> due = jdbc.query(tables.rewrite("""
                SELECT p.plan_id, p.case_id, p.owner_agency, p.review_due_at FROM support_plan p
                 WHERE p.review_due_at <= ?
                   AND NOT EXISTS (SELECT 1 FROM support_plan_review_reminder r
                                    WHERE r.plan_id = p.plan_id AND r.review_due_at = p.review_due_at)
                   AND NOT EXISTS (SELECT 1 FROM case_view c WHERE c.case_id = p.case_id AND c.stage = 'CLOSED')
                 ORDER BY p.review_due_at, p.plan_id LIMIT 500"""), (rs, i) -> new Due(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()), Timestamp.from(now));
        int reminded = 0;
        for (Due plan : due) {
            int inserted = jdbc.update("INSERT INTO support_plan_review_reminder (plan_id, review_due_at, reminded_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING", plan.planId(), Timestamp.from(plan.reviewDueAt()),
                    Timestamp.from(now));
            if (inserted == 1) {
                notifications.notify(plan.ownerAgency(), Notifications.Audience.EVERYONE, plan.caseId(), KIND,
                        "The support plan's review fell due on " + plan.reviewDueAt() + ": review the plan.");
                meters.counter("nrm.support-plan.reviews-due", "agency", plan.ownerAgency()).increment();
                reminded++;
            }
        }
        return reminded;
    }
}

package org.nrm.projections.support;

import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.nrm.referral.api.*;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Support plans, their assessed needs and their service referrals ({@code support_plan}, {@code support_need},
 * {@code service_referral}), written in the transaction of the command (a subscribing processor: a provider's list and
 * a capacity check read the referral the moment it is made). Idempotent: inserts do nothing when the row is there,
 * updates set absolute values. No personal data: notes and reasons stay sealed in the events.
 */
@Component
@ProcessingGroup(SupportPlanProjection.PROCESSING_GROUP)
public class SupportPlanProjection {

    public static final String PROCESSING_GROUP = "support-plans";

    private final JdbcTemplate jdbc;

    public SupportPlanProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SupportPlanOpened event) {
        jdbc.update("INSERT INTO support_plan (plan_id, case_id, owner_agency, opened_at, review_due_at) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", event.planId(), event.caseId(), event.ownerAgency(),
                ts(event.openedAt()), ts(event.reviewDueAt()));
    }

    @EventHandler
    void on(SupportNeedAssessed event) {
        jdbc.update("INSERT INTO support_need (plan_id, case_id, need, assessed_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", event.planId(), event.caseId(), event.need().name(), ts(event.assessedAt()));
    }

    @EventHandler
    void on(ServiceReferred event) {
        jdbc.update("""
                INSERT INTO service_referral (referral_id, plan_id, case_id, need, provider_id, provider_agency, child,
                                              shares_personal_data, status, referred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'REFERRED', ?) ON CONFLICT DO NOTHING""",
                event.referralId(), event.planId(), event.caseId(), event.need().name(), event.providerId(),
                event.providerAgency(), event.child(), event.sharesPersonalData(), ts(event.referredAt()));
    }

    @EventHandler
    void on(ServiceReferralAccepted event) {
        jdbc.update("UPDATE service_referral SET status = 'ACCEPTED', accepted_at = ? WHERE referral_id = ?",
                ts(event.acceptedAt()), event.referralId());
    }

    @EventHandler
    void on(ServiceReferralDeclined event) {
        jdbc.update("UPDATE service_referral SET status = 'DECLINED', declined_at = ? WHERE referral_id = ?",
                ts(event.declinedAt()), event.referralId());
    }

    @EventHandler
    void on(ServiceDelivered event) {
        jdbc.update("UPDATE service_referral SET status = 'DELIVERED', delivered_at = ? WHERE referral_id = ?",
                ts(event.deliveredAt()), event.referralId());
    }

    @EventHandler
    void on(ServiceReferralClosed event) {
        jdbc.update("UPDATE service_referral SET status = 'CLOSED', closed_at = ? WHERE referral_id = ?",
                ts(event.closedAt()), event.referralId());
    }

    @EventHandler
    void on(SupportPlanReviewed event) {
        jdbc.update("UPDATE support_plan SET last_reviewed_at = ?, review_due_at = ? WHERE plan_id = ?",
                ts(event.reviewedAt()), ts(event.nextReviewDueAt()), event.planId());
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

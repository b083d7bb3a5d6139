package org.nrm.projections.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads support plans and service referrals (no personal data). */
@Component
public class SupportPlans {

    /** A case's support plan. */
    public record Plan(String planId, String caseId, String ownerAgency, Instant openedAt, Instant reviewDueAt,
                       Instant lastReviewedAt) {
    }

    /** An assessed need of a plan. */
    public record Need(String need, Instant assessedAt) {
    }

    /** A service referral and where it stands. */
    public record Referral(String referralId, String planId, String caseId, String need, String providerId,
                           String providerAgency, boolean child, boolean sharesPersonalData, String status,
                           Instant referredAt, Instant acceptedAt, Instant declinedAt, Instant deliveredAt,
                           Instant closedAt) {
    }

    private static final String REFERRAL_COLUMNS = "referral_id, plan_id, case_id, need, provider_id, provider_agency, "
            + "child, shares_personal_data, status, referred_at, accepted_at, declined_at, delivered_at, closed_at "
            + "FROM service_referral";

    private final JdbcTemplate jdbc;

    public SupportPlans(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Plan> ofCase(String caseId) {
        return jdbc.query("SELECT plan_id, case_id, owner_agency, opened_at, review_due_at, last_reviewed_at "
                + "FROM support_plan WHERE case_id = ?", (rs, i) -> new Plan(rs.getString(1), rs.getString(2),
                rs.getString(3), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)),
                instant(rs.getTimestamp(6))), caseId).stream().findFirst();
    }

    public List<Need> needs(String planId) {
        return jdbc.query("SELECT need, assessed_at FROM support_need WHERE plan_id = ? ORDER BY assessed_at, need",
                (rs, i) -> new Need(rs.getString(1), instant(rs.getTimestamp(2))), planId);
    }

    public List<Referral> referralsOfPlan(String planId) {
        return jdbc.query("SELECT " + REFERRAL_COLUMNS + " WHERE plan_id = ? ORDER BY referred_at, referral_id",
                SupportPlans::referral, planId);
    }

    /** The referrals sent to the agency's providers, most recent first. */
    public List<Referral> referralsTo(String providerAgency, int limit) {
        return jdbc.query("SELECT " + REFERRAL_COLUMNS + " WHERE provider_agency = ? "
                + "ORDER BY referred_at DESC, referral_id LIMIT ?", SupportPlans::referral, providerAgency, limit);
    }

    public Optional<Referral> referral(String referralId) {
        return jdbc.query("SELECT " + REFERRAL_COLUMNS + " WHERE referral_id = ?", SupportPlans::referral, referralId)
                .stream().findFirst();
    }

    /** The provider's open referrals (sent and not declined, accepted and not yet delivered). */
    public int openReferralsOf(String providerId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM service_referral WHERE provider_id = ? "
                + "AND status IN ('REFERRED', 'ACCEPTED')", Integer.class, providerId);
        return n == null ? 0 : n;
    }

    private static Referral referral(ResultSet rs, int row) throws SQLException {
        return new Referral(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getBoolean(7), rs.getBoolean(8), rs.getString(9), instant(rs.getTimestamp(10)),
                instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)),
                instant(rs.getTimestamp(14)));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}

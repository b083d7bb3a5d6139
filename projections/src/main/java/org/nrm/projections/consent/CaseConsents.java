package org.nrm.projections.consent;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the consent records of a case and answers whether an agency's data sharing was withdrawn. */
@Component
public class CaseConsents {

    /** One scope (for data sharing: one agency) of a consent the person gave, and its withdrawal if any. */
    public record ConsentEntry(String scope, String agency, Instant givenAt, String takenBy, String takenByAgency,
                               Instant withdrawnAt, String withdrawnBy, String withdrawnByAgency) {

        public boolean inForce() {
            return withdrawnAt == null;
        }
    }

    private final JdbcTemplate jdbc;

    public CaseConsents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<ConsentEntry> of(String caseId) {
        return jdbc.query("""
                SELECT scope, agency, given_at, taken_by, taken_by_agency, withdrawn_at, withdrawn_by, withdrawn_by_agency
                  FROM case_consent WHERE case_id = ? ORDER BY given_sequence, scope, agency""",
                (rs, i) -> new ConsentEntry(rs.getString(1), rs.getString(2).isEmpty() ? null : rs.getString(2),
                        instant(rs.getTimestamp(3)), rs.getString(4), rs.getString(5), instant(rs.getTimestamp(6)),
                        rs.getString(7), rs.getString(8)), caseId);
    }

    /** Whether consent to the referral is asked of the person (an adult found after the reasonable-grounds decision). */
    public boolean referralConsentRequested(String caseId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM case_consent_request WHERE case_id = ?)", Boolean.class, caseId));
    }

    /**
     * Whether the person withdrew their consent to share data with the agency and has not given it again: the agency
     * then reads the person's data withheld, as oversight does.
     */
    public boolean sharingWithdrawnFrom(String caseId, String agency) {
        if (agency == null) {
            return false;
        }
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM case_consent w WHERE w.case_id = ? AND w.agency = ?
                                  AND w.scope = 'DATA_SHARING' AND w.withdrawn_at IS NOT NULL)
                   AND NOT EXISTS (SELECT 1 FROM case_consent g WHERE g.case_id = ? AND g.agency = ?
                                  AND g.scope = 'DATA_SHARING' AND g.withdrawn_at IS NULL)""",
                Boolean.class, caseId, agency, caseId, agency));
    }

    /** Whether the person's consent to share their data with the agency is in force (issue 17: the criminal case). */
    public boolean sharesWith(String caseId, String agency) {
        return agency != null && Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM case_consent WHERE case_id = ? AND agency = ? AND scope = 'DATA_SHARING'
                                  AND withdrawn_at IS NULL)""", Boolean.class, caseId, agency));
    }

    private static Instant instant(java.sql.Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}

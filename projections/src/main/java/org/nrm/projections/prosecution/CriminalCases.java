package org.nrm.projections.prosecution;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the criminal case and the journey's countries of a case ({@link CriminalCaseProjection}). */
@Component
public class CriminalCases {

    /** The criminal case's facts: codes, counts, dates of the proceedings; nothing about the person. */
    public record CriminalCase(String caseId, String investigatingAgency, String prosecutingAgency, String reference,
                               LocalDate openedOn, String cooperation, Instant cooperationRecordedAt,
                               List<String> protectiveMeasures, Integer suspectsCharged, String offence,
                               String verdict, Integer sentenceMonths, BigDecimal compensationOrdered,
                               String compensationCurrency, LocalDate decidedOn) {
    }

    /** The journey's legs: stage and country, in order. */
    public record Leg(String stage, String country) {
    }

    private final JdbcTemplate jdbc;

    public CriminalCases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CriminalCase> of(String caseId) {
        return jdbc.query("SELECT * FROM criminal_case WHERE case_id = ?", CriminalCases::map, caseId).stream()
                .findFirst();
    }

    /** Whether the agency investigates or prosecutes the case (it then sees the criminal case, not the person). */
    public boolean involves(String caseId, String agency) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM criminal_case WHERE case_id = ? "
                + "AND (investigating_agency = ? OR prosecuting_agency = ?))", Boolean.class, caseId, agency, agency));
    }

    public List<Leg> journey(String caseId) {
        return jdbc.query("SELECT stages, countries FROM case_journey WHERE case_id = ?", rs -> {
            if (!rs.next()) {
                return List.of();
            }
            String[] stages = (String[]) rs.getArray(1).getArray();
            String[] countries = (String[]) rs.getArray(2).getArray();
            return java.util.stream.IntStream.range(0, stages.length).mapToObj(i -> new Leg(stages[i], countries[i]))
                    .toList();
        }, caseId);
    }

    /**
     * The case's non-personal facts from its view: stage, child, nationality, exploitation types, the indicators that
     * are means of control, the recruitment methods and the border-crossing documents; empty before the view has it.
     */
    public Optional<java.util.Map<String, Object>> facts(String caseId) {
        return jdbc.query("""
                SELECT reference, stage, child, foreign_national, nationality, exploitation_types, indicators,
                       border_crossing_documents,
                       ARRAY(SELECT jsonb_array_elements_text(coalesce(exploitation_details -> 'recruitmentMethods',
                             '[]'::jsonb))) AS recruitment
                  FROM case_view WHERE case_id = ?""", (rs, n) -> {
                    java.util.Map<String, Object> facts = new java.util.LinkedHashMap<>();
                    facts.put("caseId", caseId);
                    facts.put("reference", rs.getString("reference"));
                    facts.put("stage", rs.getString("stage"));
                    facts.put("child", rs.getBoolean("child"));
                    facts.put("foreignNational", rs.getBoolean("foreign_national"));
                    facts.put("nationality", rs.getString("nationality"));
                    facts.put("exploitationTypes", Arrays.asList((String[]) rs.getArray("exploitation_types").getArray()));
                    facts.put("controlMethods", Arrays.asList((String[]) rs.getArray("indicators").getArray()));
                    facts.put("recruitmentMethods", Arrays.asList((String[]) rs.getArray("recruitment").getArray()));
                    facts.put("borderCrossingDocuments", rs.getString("border_crossing_documents"));
                    return facts;
                }, caseId).stream().findFirst();
    }

    /** A criminal case as listed for the agencies it names: the case's reference and the investigation's facts. */
    public record Listed(String caseId, String caseReference, String reference, LocalDate openedOn,
                         String investigatingAgency, String prosecutingAgency, String verdict) {
    }

    /** The criminal cases {@code agency} investigates or prosecutes, the latest opened first (at most 500). */
    public List<Listed> naming(String agency) {
        return jdbc.query("""
                SELECT c.case_id, v.reference AS case_reference, c.reference, c.opened_on, c.investigating_agency,
                       c.prosecuting_agency, c.verdict
                  FROM criminal_case c LEFT JOIN case_view v ON v.case_id = c.case_id
                 WHERE c.investigating_agency = ? OR c.prosecuting_agency = ?
                 ORDER BY c.opened_on DESC, c.case_id LIMIT 500""", (rs, n) -> new Listed(rs.getString("case_id"),
                rs.getString("case_reference"), rs.getString("reference"), rs.getDate("opened_on").toLocalDate(),
                rs.getString("investigating_agency"), rs.getString("prosecuting_agency"), rs.getString("verdict")),
                agency, agency);
    }

    private static CriminalCase map(ResultSet rs, int row) throws SQLException {
        var cooperationAt = rs.getTimestamp("cooperation_recorded_at");
        var decidedOn = rs.getDate("decided_on");
        return new CriminalCase(rs.getString("case_id"), rs.getString("investigating_agency"),
                rs.getString("prosecuting_agency"), rs.getString("reference"), rs.getDate("opened_on").toLocalDate(),
                rs.getString("cooperation"), cooperationAt == null ? null : cooperationAt.toInstant(),
                Arrays.asList((String[]) rs.getArray("protective_measures").getArray()),
                (Integer) rs.getObject("suspects_charged"), rs.getString("offence"), rs.getString("verdict"),
                (Integer) rs.getObject("sentence_months"), rs.getBigDecimal("compensation_ordered"),
                rs.getString("compensation_currency"), decidedOn == null ? null : decidedOn.toLocalDate());
    }
}

package org.nrm.projections.oversight;

import java.sql.Array;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.nrm.projections.ViewTables;
import org.nrm.projections.cases.CaseExploitationDetails;
import org.nrm.projections.csv.SafeCsv;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The record-level exports for international data collections: one row per case in the vocabulary of the Human
 * Trafficking Case Data Standard 2.0 ({@link HtcdsMapping#HTCDS}) or in CTDC's column set ({@link HtcdsMapping#CTDC}).
 * No personal data and no identifier of the case; k-anonymised ({@link KAnonymity}, k from
 * {@code nrm.oversight.export.k}, default 11, as CTDC publishes); CSV by {@link SafeCsv}.
 */
@Component
public class HtcdsExport {

    /** One export and what disclosure control did to it. */
    public record Export(String csv, KAnonymity.Report report) {
    }

    private final JdbcTemplate jdbc;
    private final ViewTables tables;
    private final KAnonymity anonymity;
    private final String decisionMakingOrg;

    public HtcdsExport(JdbcTemplate jdbc, ViewTables tables, @Value("${nrm.oversight.export.k:11}") int k,
                       @Value("${nrm.oversight.export.max-suppressed-share:0.05}") double maxSuppressedShare,
                       @Value("${nrm.oversight.export.decision-making-org:NonPoliceGovernmentalOrganization}")
                       String decisionMakingOrg) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.anonymity = new KAnonymity(k, maxSuppressedShare);
        if (!HtcdsMapping.DECISION_MAKING_ORGS.contains(decisionMakingOrg)) {
            throw new IllegalArgumentException("nrm.oversight.export.decision-making-org must be one of HTCDS 2.0's "
                    + "vic_TraffickingStatusDecisionMakingOrg values " + HtcdsMapping.DECISION_MAKING_ORGS + ", not '"
                    + decisionMakingOrg + "'");
        }
        this.decisionMakingOrg = decisionMakingOrg;
    }

    public Export htcds(String jurisdictionCountry) {
        return write(HtcdsMapping.HTCDS, jurisdictionCountry);
    }

    public Export ctdc(String jurisdictionCountry) {
        return write(HtcdsMapping.CTDC, jurisdictionCountry);
    }

    /**
     * One case's facts in HTCDS 2.0 field names, with the same mapping as the export (a handover package to another
     * country's mechanism: one named case, so no disclosure control; never personal data). Empty for an unknown case.
     */
    public java.util.Optional<java.util.Map<String, String>> fieldsOf(String caseId, String jurisdictionCountry) {
        return jdbc.query(tables.rewrite("SELECT * FROM case_view WHERE case_id = ?"), ROW, caseId).stream()
                .findFirst().map(c -> {
                    var facts = new HtcdsMapping.Facts(c, jurisdictionCountry, decisionMakingOrg);
                    var out = new java.util.LinkedHashMap<String, String>();
                    HtcdsMapping.HTCDS.forEach(column -> out.put(column.name(), column.value().apply(facts)));
                    return out;
                }).map(out -> {
                    // a returning national's identification is the decision taken abroad (not taken again here)
                    jdbc.query(tables.rewrite("SELECT decision_abroad->>'kind', decision_abroad->>'outcome' FROM "
                            + "case_view WHERE case_id = ? AND returning_national AND decision_abroad IS NOT NULL"),
                            rs -> {
                                out.put("vic_TraffickingStatus",
                                        HtcdsMapping.traffickingStatusAbroad(rs.getString(1), rs.getString(2)));
                                // the standard's organisation type of a foreign decision maker is not recorded
                                out.put("vic_TraffickingStatusDecisionMakingOrg", "");
                            }, caseId);
                    return out;
                });
    }

    private static final org.springframework.jdbc.core.RowMapper<ExportCase> ROW = (rs, n) ->
                new ExportCase(
                        String.valueOf(rs.getTimestamp("referred_at").toInstant().atZone(ZoneOffset.UTC).getYear()),
                        rs.getString("gender"), rs.getString("age_group"), rs.getBoolean("child"),
                        rs.getString("nationality"), rs.getString("exploitation_location"),
                        Set.copyOf(strings(rs.getArray("exploitation_types"))),
                        Set.copyOf(strings(rs.getArray("indicators"))), rs.getString("reasonable_grounds"),
                        rs.getString("conclusive_grounds"), rs.getString("stage"), rs.getString("closure_category"),
                        rs.getString("referring_agency"), strings(rs.getArray("languages")),
                        (Boolean) rs.getObject("consent"), rs.getBoolean("anonymous_notification"),
                        details(CaseExploitationDetails.fromJson(rs.getString("exploitation_details"))));

    /**
     * The cases as the exports read them, before disclosure control: those identified in this country's mechanism.
     * A returning national (identified abroad, {@code returning_national}) is no row of them: the identifying
     * country's own data collection has the person, so a row here would count them twice in a pooled dataset such as
     * CTDC's; the statistics count them as their own category ({@code returningNationals}).
     */
    public List<ExportCase> cases() {
        return jdbc.query(tables.rewrite("SELECT * FROM case_view WHERE NOT returning_national "
                + "ORDER BY referred_at, case_id"), (rs, n) ->
                new ExportCase(
                        String.valueOf(rs.getTimestamp("referred_at").toInstant().atZone(ZoneOffset.UTC).getYear()),
                        rs.getString("gender"), rs.getString("age_group"), rs.getBoolean("child"),
                        rs.getString("nationality"), rs.getString("exploitation_location"),
                        Set.copyOf(strings(rs.getArray("exploitation_types"))),
                        Set.copyOf(strings(rs.getArray("indicators"))), rs.getString("reasonable_grounds"),
                        rs.getString("conclusive_grounds"), rs.getString("stage"), rs.getString("closure_category"),
                        rs.getString("referring_agency"), strings(rs.getArray("languages")),
                        (Boolean) rs.getObject("consent"), rs.getBoolean("anonymous_notification"),
                        details(CaseExploitationDetails.fromJson(rs.getString("exploitation_details")))));
    }

    Export write(List<HtcdsMapping.Column> columns, String jurisdictionCountry) {
        KAnonymity.Result result = anonymity.apply(cases());
        SafeCsv csv = new SafeCsv(columns.stream().map(HtcdsMapping.Column::name).toList());
        for (ExportCase c : result.cases()) {
            HtcdsMapping.Facts facts = new HtcdsMapping.Facts(c, jurisdictionCountry, decisionMakingOrg);
            csv.row(columns.stream().map(column -> column.value().apply(facts)).toList());
        }
        return new Export(csv.toString(), result.report());
    }

    /** The details as the exports use them: codes only, never the dates. */
    private static ExportCase.Details details(CaseExploitationDetails d) {
        return new ExportCase.Details(d.ageAtExploitation(), d.duration(), d.countriesOfExploitation(),
                Set.copyOf(d.recruiterRelations()), Set.copyOf(d.recruitmentMethods()), Set.copyOf(d.labourSectors()),
                Set.copyOf(d.sexualExploitationForms()));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}

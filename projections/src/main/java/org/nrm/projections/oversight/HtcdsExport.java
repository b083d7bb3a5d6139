package org.nrm.projections.oversight;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.nrm.projections.ViewTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Cases as CSV in the field names of the IOM/CTDC Human Trafficking Case Data Standard (HTCDS v2.0), for contributing
 * to international data collections: pseudonymised (a keyed hash instead of the case id), no personal data, ages in
 * bands only.
 */
@Component
public class HtcdsExport {

    public static final List<String> COLUMNS = List.of("caseIdentifier", "yearOfRegistration", "Datasource", "gender",
            "majorityStatus", "citizenship", "CountryOfExploitation", "isForcedLabour", "isSexualExploit",
            "isForcedMarriage", "isOrganRemoval", "isOtherExploit", "typeOfExploitConcatenated", "traffickingStatus",
            "caseStatus", "reasonForClosure", "referringOrganisation");

    private final JdbcTemplate jdbc;
    private final ViewTables tables;

    public HtcdsExport(JdbcTemplate jdbc, ViewTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    public String csv(String jurisdictionCountry, UnaryOperator<String> pseudonym) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        jdbc.query(tables.rewrite("SELECT * FROM case_view ORDER BY referred_at, case_id"), (ResultSet rs) -> {
            List<String> types = Arrays.asList((String[]) rs.getArray("exploitation_types").getArray());
            csv.append(String.join(",", List.of(
                    pseudonym.apply(rs.getString("case_id")),
                    String.valueOf(rs.getTimestamp("referred_at").toInstant().atZone(java.time.ZoneOffset.UTC).getYear()),
                    "Case Management",
                    htcdsGender(rs.getString("gender")),
                    rs.getBoolean("child") ? "Minor" : "ADULT".equals(rs.getString("age_group")) ? "Adult" : "Unknown",
                    nullToEmpty(rs.getString("nationality")),
                    exploitationCountry(rs.getString("exploitation_location"), jurisdictionCountry),
                    flag(types.contains("FORCED_LABOUR") || types.contains("DOMESTIC_SERVITUDE")),
                    flag(types.contains("SEXUAL")),
                    flag(types.contains("FORCED_MARRIAGE")),
                    flag(types.contains("ORGAN_REMOVAL")),
                    flag(types.stream().anyMatch(t -> List.of("FORCED_CRIMINALITY", "BEGGING", "ILLEGAL_ADOPTION",
                            "SURROGACY", "OTHER").contains(t))),
                    String.join(";", types),
                    traffickingStatus(rs),
                    "CLOSED".equals(rs.getString("stage")) ? "Closed" : "Active",
                    nullToEmpty(rs.getString("closure_category")),
                    rs.getString("referring_agency")))).append('\n');
        });
        return csv.toString();
    }

    private static String traffickingStatus(ResultSet rs) throws SQLException {
        String cg = rs.getString("conclusive_grounds");
        String rg = rs.getString("reasonable_grounds");
        if ("POSITIVE".equals(cg)) {
            return "Victim";
        }
        if ("NEGATIVE".equals(cg) || "NEGATIVE".equals(rg)) {
            return "Not a victim";
        }
        return "POSITIVE".equals(rg) ? "Possible victim" : "Pending identification";
    }

    private static String htcdsGender(String gender) {
        return switch (gender == null ? "UNKNOWN" : gender) {
            case "FEMALE" -> "Female";
            case "MALE" -> "Male";
            case "TRANSGENDER" -> "Transgender/NonConforming";
            case "OTHER" -> "Other";
            default -> "Unknown";
        };
    }

    private static String exploitationCountry(String location, String jurisdictionCountry) {
        return "DOMESTIC".equals(location) ? jurisdictionCountry : "";
    }

    private static String flag(boolean value) {
        return value ? "1" : "0";
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}

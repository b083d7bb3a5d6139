package org.nrm.app.reports;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a case shows of its screening (trafficking or smuggling) and of the report from the public it came from:
 * offered to the decision maker beside the case, never deciding anything.
 */
@Component
public class CaseScreenings {

    private final JdbcTemplate jdbc;

    CaseScreenings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code result}, {@code child}, the indicators of each element, {@code recordedAt}; empty when none recorded. */
    public Optional<Map<String, Object>> screening(String caseId) {
        return jdbc.query("SELECT * FROM referral_screening WHERE case_id = ?", (rs, row) -> {
            var out = new LinkedHashMap<String, Object>();
            out.put("result", rs.getString("result"));
            out.put("child", rs.getBoolean("child"));
            out.put("acts", codes(rs.getArray("acts")));
            out.put("means", codes(rs.getArray("means")));
            out.put("purposes", codes(rs.getArray("purposes")));
            out.put("smuggling", codes(rs.getArray("smuggling")));
            out.put("recordedAt", rs.getTimestamp("recorded_at").toInstant());
            out.put("advisory", true);
            return (Map<String, Object>) out;
        }, caseId).stream().findFirst();
    }

    /** The report from the public the case came from: its receipt, channel and campaign; empty for other cases. */
    public Optional<Map<String, Object>> publicReport(String caseId) {
        return jdbc.query("SELECT receipt, channel, campaign, received_at FROM public_report WHERE case_id = ?",
                (rs, row) -> {
                    var out = new LinkedHashMap<String, Object>();
                    out.put("receipt", rs.getString("receipt"));
                    out.put("channel", rs.getString("channel"));
                    out.put("campaign", rs.getString("campaign"));
                    out.put("receivedAt", rs.getTimestamp("received_at").toInstant());
                    return (Map<String, Object>) out;
                }, caseId).stream().findFirst();
    }

    private static List<String> codes(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}

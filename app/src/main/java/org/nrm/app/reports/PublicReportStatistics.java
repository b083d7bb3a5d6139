package org.nrm.app.reports;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nrm.projections.oversight.Cell;
import org.nrm.projections.oversight.StatisticalDisclosureControl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether prevention campaigns work: the period's reports from the public by channel and by campaign, how many led
 * to a referral, and how many of those to a positive reasonable-grounds and conclusive-grounds decision; every cell
 * below {@code nrm.jurisdiction.suppression-threshold} suppressed, as every published figure.
 */
@Component
public class PublicReportStatistics {

    private static final String NONE = "NONE";

    private final JdbcTemplate jdbc;
    private final StatisticalDisclosureControl sdc;

    PublicReportStatistics(JdbcTemplate jdbc,
                           @Value("${nrm.jurisdiction.suppression-threshold:${nrm.oversight.suppression-threshold:5}}")
                           int threshold) {
        this.jdbc = jdbc;
        this.sdc = new StatisticalDisclosureControl(threshold);
    }

    /** Reports received in [from, to). */
    public Map<String, Object> between(Instant from, Instant to) {
        Timestamp f = Timestamp.from(from);
        Timestamp t = Timestamp.from(to);
        String period = " FROM public_report r LEFT JOIN case_view c ON c.case_id = r.case_id"
                + " WHERE r.received_at >= ? AND r.received_at < ?";
        long[] totals = jdbc.queryForObject("SELECT count(*), count(r.case_id), "
                + "count(*) FILTER (WHERE c.reasonable_grounds = 'POSITIVE'), "
                + "count(*) FILTER (WHERE c.conclusive_grounds = 'POSITIVE')" + period,
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}, f, t);
        var out = new LinkedHashMap<String, Object>();
        out.put("received", sdc.single("total", totals[0]));
        out.put("ledToReferral", sdc.single("total", totals[1]));
        out.put("positiveReasonableGrounds", sdc.single("total", totals[2]));
        out.put("positiveConclusiveGrounds", sdc.single("total", totals[3]));
        out.put("byChannel", breakdown("r.channel", period, f, t));
        out.put("byCampaign", breakdown("coalesce(r.campaign, '" + NONE + "')", period, f, t));
        return out;
    }

    /** Per category: received, led to a referral, and to a positive reasonable-grounds decision. */
    private Map<String, Object> breakdown(String category, String period, Timestamp f, Timestamp t) {
        List<long[]> rows = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        jdbc.query("SELECT " + category + " AS category, count(*), count(r.case_id), "
                + "count(*) FILTER (WHERE c.reasonable_grounds = 'POSITIVE')" + period + " GROUP BY 1 ORDER BY 1",
                rs -> {
                    names.add(rs.getString(1));
                    rows.add(new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }, f, t);
        var out = new LinkedHashMap<String, Object>();
        String[] measures = {"received", "ledToReferral", "positiveReasonableGrounds"};
        for (int m = 0; m < measures.length; m++) {
            List<Cell> cells = new java.util.ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                cells.add(Cell.of(names.get(i), rows.get(i)[m]));
            }
            out.put(measures[m], sdc.breakdown(cells));
        }
        return out;
    }
}

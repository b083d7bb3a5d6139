package org.nrm.projections.oversight;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nrm.projections.ViewTables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Prosecutions linked to the victims the mechanism identified, for oversight: investigations opened, cases with
 * suspects charged, convictions, acquittals, and the sentences of the convictions in bands, each by year and
 * exploitation type (a case of two types counts under both). A case counts once its person is an identified victim
 * ({@link #IDENTIFIED}): a positive conclusive-grounds decision, a positive reasonable-grounds decision not overturned
 * by a negative conclusive one, or the identification abroad of a returning national; a criminal case recorded on a
 * referral still awaiting its decision, or found not to be a victim's, does not count. Investigations count in the
 * year they were opened, the rest in the year of the decision. Small cells suppressed, per year and measure (primary
 * and secondary, as the published statistics).
 */
@Component
public class ProsecutionStatistics {

    /** The cases whose person the mechanism identified as a victim (on {@code case_view v}). */
    static final String IDENTIFIED = """
            (v.conclusive_grounds = 'POSITIVE'
             OR (v.reasonable_grounds = 'POSITIVE' AND v.conclusive_grounds IS DISTINCT FROM 'NEGATIVE')
             OR v.decision_abroad IS NOT NULL)""";

    /** One figure: the year, the exploitation type, and for sentences the band; null count when suppressed. */
    public record Figure(int year, String exploitationType, String band, Long count, boolean suppressed) {
    }

    private final JdbcTemplate jdbc;
    private final ViewTables tables;
    private final StatisticalDisclosureControl sdc;

    public ProsecutionStatistics(JdbcTemplate jdbc, ViewTables tables,
                                 @Value("${nrm.jurisdiction.suppression-threshold:${nrm.oversight.suppression-threshold:5}}")
                                 int threshold) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.sdc = new StatisticalDisclosureControl(threshold);
    }

    /** The figures of the years from {@code from} to {@code to} (inclusive). */
    public Map<String, Object> between(int from, int to) {
        var out = new LinkedHashMap<String, Object>();
        out.put("fromYear", from);
        out.put("toYear", to);
        out.put("suppressionThreshold", sdc.threshold());
        Date start = Date.valueOf(LocalDate.of(from, 1, 1));
        Date end = Date.valueOf(LocalDate.of(to + 1, 1, 1));
        String base = """
                SELECT %s AS year, t.type, %s AS band, count(DISTINCT c.case_id) AS n
                  FROM criminal_case c JOIN case_view v ON v.case_id = c.case_id
                 CROSS JOIN LATERAL unnest(CASE WHEN cardinality(v.exploitation_types) = 0 THEN ARRAY['UNKNOWN']::varchar[]
                                               ELSE v.exploitation_types END) AS t(type)
                 WHERE %s >= ? AND %s < ? %s AND """ + IDENTIFIED + """
                 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""";
        String decided = "coalesce(c.decided_on, c.opened_on)";
        out.put("investigations", figures(String.format(base, "extract(year FROM c.opened_on)::int", "''",
                "c.opened_on", "c.opened_on", ""), start, end));
        out.put("charged", figures(String.format(base, "extract(year FROM " + decided + ")::int", "''", decided,
                decided, "AND c.suspects_charged > 0"), start, end));
        out.put("convictions", figures(String.format(base, "extract(year FROM " + decided + ")::int", "''", decided,
                decided, "AND c.verdict = 'CONVICTED'"), start, end));
        out.put("acquittals", figures(String.format(base, "extract(year FROM " + decided + ")::int", "''", decided,
                decided, "AND c.verdict = 'ACQUITTED'"), start, end));
        String band = """
                CASE WHEN c.sentence_months IS NULL THEN 'NOT_RECORDED' WHEN c.sentence_months < 12 THEN 'UNDER_1_YEAR'
                     WHEN c.sentence_months < 60 THEN '1_TO_5_YEARS' WHEN c.sentence_months < 120 THEN '5_TO_10_YEARS'
                     ELSE '10_YEARS_OR_MORE' END""";
        out.put("sentences", figures(String.format(base, "extract(year FROM " + decided + ")::int", band, decided,
                decided, "AND c.verdict = 'CONVICTED'"), start, end));
        return out;
    }

    private List<Figure> figures(String sql, Date start, Date end) {
        // year (and band) -> type -> count; suppression within each year and band, across the types
        Map<String, Map<String, Long>> groups = new TreeMap<>();
        jdbc.query(tables.rewrite(sql), rs -> {
            groups.computeIfAbsent(rs.getInt("year") + "|" + rs.getString("band"), k -> new TreeMap<>())
                    .put(rs.getString("type"), rs.getLong("n"));
        }, start, end);
        List<Figure> out = new ArrayList<>();
        groups.forEach((key, byType) -> {
            String[] parts = key.split("\\|", -1);
            List<Cell> raw = new ArrayList<>();
            byType.forEach((type, n) -> raw.add(Cell.of(type, n)));
            for (Cell cell : sdc.breakdown(raw)) {
                out.add(new Figure(Integer.parseInt(parts[0]), cell.category(), parts[1].isEmpty() ? null : parts[1],
                        cell.count(), cell.suppressed()));
            }
        });
        return out;
    }
}

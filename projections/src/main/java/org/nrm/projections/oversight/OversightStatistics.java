package org.nrm.projections.oversight;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The figures a national rapporteur publishes, modelled on the UK's quarterly NRM statistics: referrals and their
 * breakdowns, decision volumes and positive rates, the backlog awaiting a conclusive decision, decision times,
 * reconsiderations and deadline breaches, for the period [from, to). Every figure passes small-cell suppression, with
 * the jurisdiction's threshold ({@code nrm.jurisdiction.suppression-threshold}, 5; the older key
 * {@code nrm.oversight.suppression-threshold} is still read when the jurisdiction names none).
 */
@Component
public class OversightStatistics {

    private static final List<String> REFERRAL_BREAKDOWNS = List.of("byQuarter", "bySex", "byNationality",
            "byAgeGroupAtReferral", "byExploitationTypeAndAgeGroup", "byExploitationLocation", "byReferringAgency");

    /**
     * The period's referrals counted once per combination of everything a breakdown needs (a few hundred combinations
     * at most, however many referrals): every breakdown is then a sum over these rows, so the referrals are read once
     * and grouped once.
     */
    private static final String COMBINATIONS = """
            SELECT extract(year FROM referred_at AT TIME ZONE 'UTC')::int AS year,
                   extract(quarter FROM referred_at AT TIME ZONE 'UTC')::int AS quarter, gender,
                   coalesce(nationality, 'UNKNOWN') AS nationality,
                   CASE WHEN child THEN 'CHILD' WHEN age_group = 'ADULT' THEN 'ADULT' ELSE 'UNKNOWN' END AS age,
                   exploitation_types, coalesce(exploitation_location, 'UNKNOWN') AS location, referring_agency,
                   count(*) AS n
              FROM case_view WHERE NOT anonymous_notification AND NOT returning_national
               AND referred_at >= ? AND referred_at < ?
             GROUP BY 1, 2, 3, 4, 5, 6, 7, 8""";

    /**
     * Cases with positive reasonable grounds decided before the date, without a conclusive decision and not closed by
     * then: those still awaiting one (the partial index of V15), plus those decided or closed only after the date.
     */
    private static final String BACKLOG = """
            SELECT (SELECT count(*) FROM case_view WHERE reasonable_grounds = 'POSITIVE'
                      AND reasonable_grounds_decided_at < ? AND conclusive_grounds_decided_at IS NULL AND closed_at IS NULL)
                 + (SELECT count(*) FROM case_view WHERE (conclusive_grounds_decided_at >= ? OR closed_at >= ?)
                      AND reasonable_grounds = 'POSITIVE' AND reasonable_grounds_decided_at < ?
                      AND (conclusive_grounds_decided_at IS NULL OR conclusive_grounds_decided_at >= ?)
                      AND (closed_at IS NULL OR closed_at >= ?))""";

    /**
     * The calendar quarters (UTC) in which the positive reasonable-grounds decisions of the backlog at a date were made:
     * the same rows as {@link #BACKLOG}, by quarter.
     */
    private static final String BACKLOG_QUARTERS = """
            SELECT DISTINCT date_trunc('quarter', decided AT TIME ZONE 'UTC') AS quarter FROM (
                SELECT reasonable_grounds_decided_at AS decided FROM case_view WHERE reasonable_grounds = 'POSITIVE'
                   AND reasonable_grounds_decided_at < ? AND conclusive_grounds_decided_at IS NULL AND closed_at IS NULL
                UNION ALL
                SELECT reasonable_grounds_decided_at FROM case_view
                 WHERE (conclusive_grounds_decided_at >= ? OR closed_at >= ?)
                   AND reasonable_grounds = 'POSITIVE' AND reasonable_grounds_decided_at < ?
                   AND (conclusive_grounds_decided_at IS NULL OR conclusive_grounds_decided_at >= ?)
                   AND (closed_at IS NULL OR closed_at >= ?)) AS waiting ORDER BY 1""";

    private final JdbcTemplate jdbc;
    private final org.nrm.projections.ViewTables tables;
    private final StatisticalDisclosureControl sdc;

    public OversightStatistics(JdbcTemplate jdbc, org.nrm.projections.ViewTables tables,
                               @Value("${nrm.jurisdiction.suppression-threshold:${nrm.oversight.suppression-threshold:5}}")
                               int threshold) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.sdc = new StatisticalDisclosureControl(threshold);
    }

    public Map<String, Object> between(Instant from, Instant to) {
        Timestamp f = Timestamp.from(from);
        Timestamp t = Timestamp.from(to);
        Queries q = new Queries(tables.reader());
        var out = new LinkedHashMap<String, Object>();
        out.put("from", from);
        out.put("to", to);
        out.put("suppressionThreshold", sdc.threshold());

        // every breakdown of the period's referrals from one reading of its cases
        Map<String, List<Cell>> breakdowns = q.breakdowns(f, t);
        var referrals = new LinkedHashMap<String, Object>();
        Map<String, List<Cell>> published = sdc.linked(breakdowns, referralSums(breakdowns));
        referrals.put("total", published.get("total").get(0));
        for (String name : REFERRAL_BREAKDOWNS) {
            referrals.put(name, published.getOrDefault(name, List.of()));
        }
        out.put("referrals", referrals);
        out.put("anonymousNotifications", sdc.single("total", q.count("SELECT count(*) FROM case_view WHERE "
                + "anonymous_notification AND referred_at >= ? AND referred_at < ?", f, t)));

        Decisions reasonableGrounds = q.decisions("reasonable_grounds", f, t);
        out.put("reasonableGrounds", reasonableGrounds.figures());
        out.put("conclusiveGrounds", q.decisions("conclusive_grounds", f, t).figures());
        // the backlog counts positive decisions still waiting: where the period's positive decisions are withheld,
        // it would give them away (all of them waiting, as in a first quarter) and, from the decisions, the negative
        // ones; so it is withheld with them (found from outside). It is a stock, not the period's: the decisions it
        // still holds may be an earlier quarter's, withheld when that quarter was published (a later period with no
        // decisions of its own would give them away), so it is withheld with those too (found from outside)
        out.put("backlogAwaitingConclusiveGrounds", sdc.withheldWith(Cell.of("total", q.count(BACKLOG, t, t, t, t, t, t)),
                q.backlogQuarters(t).stream().map(quarter -> q.decisions("reasonable_grounds", quarter.start(),
                        quarter.end()).positive()).filter(Cell::suppressed).findFirst()
                        .orElse(reasonableGrounds.positive())));

        var times = new LinkedHashMap<String, Object>();
        times.put("reasonableGrounds", q.decisionTimes("reasonable_grounds_decided_at", f, t));
        times.put("conclusiveGrounds", q.decisionTimes("conclusive_grounds_decided_at", f, t));
        out.put("decisionTimesDays", times);

        var reconsiderations = new LinkedHashMap<String, Object>();
        long requested = q.count("SELECT count(*) FROM reconsideration_fact WHERE requested_at >= ? AND requested_at < ?",
                f, t);
        reconsiderations.put("requested", sdc.single("total", requested));
        reconsiderations.put("requestedByGround", q.breakdown("SELECT ground AS category, count(*) AS n FROM "
                + "reconsideration_fact WHERE requested_at >= ? AND requested_at < ? GROUP BY 1 ORDER BY 1", f, t));
        long decided = q.count("SELECT count(*) FROM reconsideration_fact WHERE decided_at >= ? AND decided_at < ?", f, t);
        long overturned = q.count("SELECT count(*) FROM reconsideration_fact WHERE outcome = 'OVERTURNED' "
                + "AND decided_at >= ? AND decided_at < ?", f, t);
        reconsiderations.put("decided", sdc.single("total", decided));
        reconsiderations.put("overturned", sdc.single("overturned", overturned));
        reconsiderations.put("overturnedByGround", q.breakdown("SELECT ground AS category, count(*) AS n FROM "
                + "reconsideration_fact WHERE outcome = 'OVERTURNED' AND decided_at >= ? AND decided_at < ? "
                + "GROUP BY 1 ORDER BY 1", f, t));
        putRate(reconsiderations, "overturnRate", overturned, decided);
        out.put("reconsiderations", reconsiderations);

        var breaches = new LinkedHashMap<String, Object>();
        breaches.put("total", sdc.single("total", q.count("SELECT count(*) FROM deadline_breach_fact "
                + "WHERE recorded_at >= ? AND recorded_at < ?", f, t)));
        breaches.put("byTask", q.breakdown("SELECT task_key AS category, count(*) AS n FROM deadline_breach_fact "
                + "WHERE recorded_at >= ? AND recorded_at < ? GROUP BY 1 ORDER BY 1", f, t));
        out.put("deadlineBreaches", breaches);

        // nationals identified as victims abroad and coming home: their own category, not this country's referrals
        var returning = new LinkedHashMap<String, Object>();
        returning.put("total", sdc.single("total", q.count("SELECT count(*) FROM case_view WHERE returning_national "
                + "AND referred_at >= ? AND referred_at < ?", f, t)));
        returning.put("fromHandoverPackage", sdc.single("total", q.count("SELECT count(*) FROM case_view WHERE "
                + "returning_national AND handover_imported AND referred_at >= ? AND referred_at < ?", f, t)));
        returning.put("bySourceCountry", q.breakdown("SELECT decision_abroad->>'sourceCountry' AS category, count(*) "
                + "AS n FROM case_view WHERE returning_national AND referred_at >= ? AND referred_at < ? "
                + "GROUP BY 1 ORDER BY 1", f, t));
        returning.put("metOnArrival", sdc.single("total", q.count("SELECT count(*) FROM case_view WHERE "
                + "returning_national AND arrival_met_at >= ? AND arrival_met_at < ?", f, t)));
        out.put("returningNationals", returning);
        // signed handover packages issued to other countries' mechanisms (cases whose last one left in the period)
        out.put("handoverPackagesIssued", sdc.single("total", q.count("SELECT count(*) FROM case_view WHERE "
                + "last_handover_exported_at >= ? AND last_handover_exported_at < ?", f, t)));

        out.put("supportServices", supportServices(q, f, t));
        return out;
    }

    /**
     * How the referral tables add up: every breakdown to the total, and the exploitation types of an age group to that
     * age group's figure (as if each person had one type: a person of several counts in each of them, so the types add
     * up to at least the age group, and a withheld cell is protected as if they added up exactly).
     */
    private static List<StatisticalDisclosureControl.Sum> referralSums(Map<String, List<Cell>> tables) {
        List<StatisticalDisclosureControl.Sum> sums = new java.util.ArrayList<>();
        for (String name : REFERRAL_BREAKDOWNS) {
            if (!name.equals("byExploitationTypeAndAgeGroup")) {
                sums.add(StatisticalDisclosureControl.sumOf("total", "total", name,
                        tables.getOrDefault(name, List.of())));
            }
        }
        for (Cell age : tables.getOrDefault("byAgeGroupAtReferral", List.of())) {
            sums.add(StatisticalDisclosureControl.sumOf("byAgeGroupAtReferral", age.category(),
                    "byExploitationTypeAndAgeGroup", tables.getOrDefault("byExploitationTypeAndAgeGroup", List.of())
                            .stream().filter(c -> c.category().endsWith("/" + age.category())).toList()));
        }
        return sums;
    }

    /** The needs support plans assessed, the services referred, delivered and declined in the period, by type. */
    private static final java.util.Map<String, String> SUPPORT_FIGURES = new java.util.LinkedHashMap<>(java.util.Map.of(
            "needed", "SELECT need AS category, count(*) AS n FROM support_need WHERE assessed_at >= ? AND assessed_at < ?",
            "referred", "SELECT need AS category, count(*) AS n FROM service_referral WHERE referred_at >= ? AND referred_at < ?",
            "delivered", "SELECT need AS category, count(*) AS n FROM service_referral WHERE delivered_at >= ? AND delivered_at < ?",
            "declined", "SELECT need AS category, count(*) AS n FROM service_referral WHERE declined_at >= ? AND declined_at < ?"));

    private Map<String, Object> supportServices(Queries q, Timestamp f, Timestamp t) {
        var out = supportFigures(q, "", f, t);
        // the services of returning nationals' reintegration plans, their own category (also counted above)
        out.put("returningNationals", supportFigures(q,
                " AND case_id IN (SELECT case_id FROM case_view WHERE returning_national)", f, t));
        return out;
    }

    private Map<String, Object> supportFigures(Queries q, String cases, Timestamp f, Timestamp t) {
        var out = new LinkedHashMap<String, Object>();
        for (String figure : List.of("needed", "referred", "delivered", "declined")) {
            List<Cell> cells = jdbc.query(q.forTables.apply(SUPPORT_FIGURES.get(figure) + cases
                            + " GROUP BY 1 ORDER BY 1"), (rs, i) -> Cell.of(rs.getString("category"), rs.getLong("n")),
                    f, t);
            var entry = new LinkedHashMap<String, Object>();
            entry.put("total", sdc.single("total", cells.stream().mapToLong(Cell::raw).sum()));
            entry.put("byType", sdc.breakdown(cells));
            out.put(figure, entry);
        }
        return out;
    }

    /**
     * The rate under {@code name}, and beside it {@code nameSuppressed}: true when there is a rate to give but it would
     * give a withheld count away (the part, the whole or the rest of it too small), so that a missing rate says why.
     */
    private void putRate(Map<String, Object> out, String name, long part, long whole) {
        Double rate = rate(part, whole);
        out.put(name, rate);
        out.put(name + "Suppressed", whole > 0 && rate == null);
    }

    private Double rate(long part, long whole) {
        if (whole == 0 || sdc.tooSmall(part) || sdc.tooSmall(whole) || sdc.tooSmall(whole - part)) {
            return null;
        }
        return round((double) part / whole);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** The queries of one request, all against the tables that answered reads when the request began. */
    private final class Queries {

        private final UnaryOperator<String> forTables;

        Queries(UnaryOperator<String> forTables) {
            this.forTables = forTables;
        }

        private Decisions decisions(String column, Timestamp f, Timestamp t) {
            String where = " FROM case_view WHERE " + column + "_decided_at >= ? AND " + column + "_decided_at < ?";
            long[] counts = jdbc.queryForObject(forTables.apply("SELECT count(*), count(*) FILTER (WHERE " + column
                    + " = 'POSITIVE')" + where), (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}, f, t);
            long total = counts[0];
            long positive = counts[1];
            var out = new LinkedHashMap<String, Object>();
            out.put("decisions", sdc.single("decisions", total));
            List<Cell> byOutcome = sdc.breakdown(List.of(Cell.of("POSITIVE", positive),
                    Cell.of("NEGATIVE", total - positive)));
            out.put("byOutcome", byOutcome);
            putRate(out, "positiveRate", positive, total);
            return new Decisions(out, byOutcome.get(0));
        }

        /** The calendar quarters whose positive reasonable-grounds decisions the backlog at {@code t} holds. */
        private List<Quarter> backlogQuarters(Timestamp t) {
            return jdbc.query(forTables.apply(BACKLOG_QUARTERS), (rs, i) -> {
                java.time.LocalDateTime start = rs.getObject("quarter", java.time.LocalDateTime.class);
                return new Quarter(Timestamp.from(start.toInstant(java.time.ZoneOffset.UTC)),
                        Timestamp.from(start.plusMonths(3).toInstant(java.time.ZoneOffset.UTC)));
            }, t, t, t, t, t, t);
        }

        /** Median and 90th percentile of days from referral to the decision, for decisions in the period. */
        private Map<String, Object> decisionTimes(String decidedAt, Timestamp f, Timestamp t) {
            return jdbc.queryForObject(forTables.apply("SELECT count(*) AS n, "
                    + "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM " + decidedAt + " - referred_at) / 86400) AS p50, "
                    + "percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM " + decidedAt + " - referred_at) / 86400) AS p90 "
                    + "FROM case_view WHERE " + decidedAt + " >= ? AND " + decidedAt + " < ?"), (rs, i) -> {
                        long n = rs.getLong("n");
                        var out = new LinkedHashMap<String, Object>();
                        boolean suppressed = sdc.tooSmall(n);
                        out.put("decisions", n == 0 || !suppressed ? n : null);
                        out.put("suppressed", suppressed);
                        out.put("median", n == 0 || suppressed ? null : round(rs.getDouble("p50")));
                        out.put("p90", n == 0 || suppressed ? null : round(rs.getDouble("p90")));
                        return out;
                    }, f, t);
        }

        private long count(String sql, Object... args) {
            Long n = jdbc.queryForObject(forTables.apply(sql), Long.class, args);
            return n == null ? 0 : n;
        }

        /** Every breakdown of the referrals, by name, each in order of its categories. */
        private Map<String, List<Cell>> breakdowns(Timestamp f, Timestamp t) {
            Map<String, Map<String, Long>> sums = new LinkedHashMap<>();
            long[] total = {0};
            jdbc.query(forTables.apply(COMBINATIONS), rs -> {
                long n = rs.getLong("n");
                String age = rs.getString("age");
                total[0] += n;
                add(sums, "byQuarter", rs.getInt("year") + "-Q" + rs.getInt("quarter"), n);
                add(sums, "bySex", rs.getString("gender"), n);
                add(sums, "byNationality", rs.getString("nationality"), n);
                add(sums, "byAgeGroupAtReferral", age, n);
                for (Object type : (Object[]) rs.getArray("exploitation_types").getArray()) {
                    add(sums, "byExploitationTypeAndAgeGroup", type + "/" + age, n);
                }
                add(sums, "byExploitationLocation", rs.getString("location"), n);
                add(sums, "byReferringAgency", rs.getString("referring_agency"), n);
            }, f, t);
            Map<String, List<Cell>> out = new LinkedHashMap<>();
            out.put("total", List.of(Cell.of("total", total[0])));
            sums.forEach((name, counts) -> out.put(name, counts.entrySet().stream()
                    .map(e -> Cell.of(e.getKey(), e.getValue())).toList()));
            return out;
        }

        /** Adds {@code n} to a breakdown's category; categories in text order, an unknown (null) one last. */
        private static void add(Map<String, Map<String, Long>> sums, String breakdown, String category, long n) {
            sums.computeIfAbsent(breakdown, k -> new java.util.TreeMap<>(
                    java.util.Comparator.nullsLast(java.util.Comparator.<String>naturalOrder())))
                    .merge(category, n, Long::sum);
        }

        private List<Cell> breakdown(String sql, Object... args) {
            return sdc.breakdown(jdbc.query(forTables.apply(sql), (rs, i) -> Cell.of(rs.getString("category"),
                    rs.getLong("n")), args));
        }
    }

    /** A calendar quarter, [start, end). */
    private record Quarter(Timestamp start, Timestamp end) {
    }

    /** A decision's published figures, and its positive outcome as published (the backlog is withheld with it). */
    private record Decisions(Map<String, Object> figures, Cell positive) {
    }
}

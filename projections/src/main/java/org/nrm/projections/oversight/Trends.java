package org.nrm.projections.oversight;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.nrm.projections.ViewTables;
import org.nrm.projections.csv.SafeCsv;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What agencies learn together (issue 17, the UN Protocol's article 10): the routes (the journey's country sequences),
 * the documents used to cross the border, the recruitment and control methods and the exploitation sectors of the
 * cases referred in a period, per quarter and nationality. Computed from codes only (case view and journey countries,
 * never a name, a place or a date of a person), every cell below the jurisdiction's threshold suppressed, and within
 * a quarter and nationality as many more as keep a withheld cell from being worked out
 * ({@link StatisticalDisclosureControl#breakdown}).
 */
@Component
public class Trends {

    /** One figure: the quarter, the nationality, the value counted (a route, a document type, ...) and its count. */
    public record TrendCell(String period, String nationality, String category, Long count, boolean suppressed) {
    }

    /** The breakdowns, each with its HTCDS 2.0 field name (or the platform's, where HTCDS has none). */
    public static final Map<String, String> HTCDS_FIELDS = ordered();

    private static Map<String, String> ordered() {
        var fields = new LinkedHashMap<String, String>();
        fields.put("routes", "hte_Country");
        fields.put("documents", "nrm_BorderCrossingDocuments");
        fields.put("recruitmentMethods", "vic_MethodOfRecruitment");
        fields.put("controlMethods", "vic_MethodsOfControl");
        fields.put("exploitationSectors", "vic_TypeOfExploitation");
        return java.util.Collections.unmodifiableMap(fields);
    }

    private static final Map<String, String> DOCUMENTS = Map.of("OWN", "Own", "FALSE", "False", "SOMEONE_ELSES",
            "SomeoneElses", "NONE", "None", "UNKNOWN", "Unknown");

    private record Case(String period, String nationality, List<String> route, String documents,
                        List<String> recruitment, List<String> control, List<String> sectors) {
    }

    private final JdbcTemplate jdbc;
    private final ViewTables tables;
    private final StatisticalDisclosureControl sdc;

    public Trends(JdbcTemplate jdbc, ViewTables tables,
                  @Value("${nrm.jurisdiction.suppression-threshold:${nrm.oversight.suppression-threshold:5}}")
                  int threshold) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.sdc = new StatisticalDisclosureControl(threshold);
    }

    /**
     * The trends of the cases referred in the whole quarters that [from, to) touches, optionally of one nationality,
     * in the platform's codes; {@code from} and {@code to} of the answer are the quarters' bounds. Every cell is a
     * quarter's, and always computed over the whole quarter: two periods that differ by a day or a moment would
     * otherwise differ by the one person referred in between, and subtracting them would describe that person.
     */
    public Map<String, Object> between(Instant from, Instant to, String nationality) {
        from = quarterStart(from);
        to = quarterStart(to.minusNanos(1)).atZone(ZoneOffset.UTC).plusMonths(3).toInstant();
        List<Case> cases = cases(from, to, nationality);
        var out = new LinkedHashMap<String, Object>();
        out.put("from", from);
        out.put("to", to);
        out.put("nationality", nationality);
        out.put("suppressionThreshold", sdc.threshold());
        out.put("routes", cells(cases, c -> c.route().isEmpty() ? List.of() : List.of(String.join(">", c.route()))));
        out.put("documents", cells(cases, c -> c.documents() == null ? List.of() : List.of(c.documents())));
        out.put("recruitmentMethods", cells(cases, Case::recruitment));
        out.put("controlMethods", cells(cases, Case::control));
        out.put("exploitationSectors", cells(cases, Case::sectors));
        return out;
    }

    /**
     * The same figures in HTCDS 2.0's vocabulary, as CSV for a partner country's agencies: one row per figure,
     * {@code period,prs_Citizenship,field,value,count}; a suppressed count is empty.
     */
    @SuppressWarnings("unchecked")
    public String htcdsCsv(Instant from, Instant to, String nationality) {
        Map<String, Object> trends = between(from, to, nationality);
        var csv = new SafeCsv(List.of("period", "prs_Citizenship", "field", "value", "count"));
        for (var field : HTCDS_FIELDS.entrySet()) {
            for (TrendCell cell : (List<TrendCell>) trends.get(field.getKey())) {
                // a sector of forced labour is HTCDS's vic_ForcedLabourIndustry, an exploitation type its own field
                String name = cell.category().startsWith("LABOUR:") ? "vic_ForcedLabourIndustry" : field.getValue();
                csv.row(Arrays.asList(cell.period(), cell.nationality(), name,
                        htcdsValue(field.getKey(), cell.category()), cell.count()));
            }
        }
        return csv.toString();
    }

    private static String htcdsValue(String breakdown, String category) {
        return switch (breakdown) {
            case "routes" -> category;
            case "documents" -> DOCUMENTS.getOrDefault(category, "Unknown");
            case "recruitmentMethods" -> HtcdsMapping.RECRUITMENT.getOrDefault(category, "Other");
            case "controlMethods" -> HtcdsMapping.CONTROL.getOrDefault(category, "Other");
            default -> category.startsWith("LABOUR:") ? HtcdsMapping.INDUSTRY.getOrDefault(
                    category.substring("LABOUR:".length()), "Other")
                    : HtcdsMapping.EXPLOITATION.getOrDefault(category, "Other");
        };
    }

    private List<TrendCell> cells(List<Case> cases, Function<Case, List<String>> values) {
        // (period, nationality) -> category -> count
        Map<List<String>, Map<String, Long>> counts = new TreeMap<>(
                java.util.Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
        for (Case c : cases) {
            for (String value : new java.util.TreeSet<>(values.apply(c))) {
                counts.computeIfAbsent(List.of(c.period(), c.nationality()), k -> new TreeMap<>())
                        .merge(value, 1L, Long::sum);
            }
        }
        List<TrendCell> out = new ArrayList<>();
        counts.forEach((key, byCategory) -> {
            List<Cell> raw = new ArrayList<>();
            byCategory.forEach((category, n) -> raw.add(Cell.of(category, n)));
            for (Cell cell : sdc.breakdown(raw)) {
                out.add(new TrendCell(key.get(0), key.get(1), cell.category(), cell.count(), cell.suppressed()));
            }
        });
        return out;
    }

    private List<Case> cases(Instant from, Instant to, String nationality) {
        String sql = """
                SELECT v.referred_at, coalesce(v.nationality, 'XX') AS nationality, j.countries,
                       v.border_crossing_documents, v.indicators, v.exploitation_types,
                       ARRAY(SELECT jsonb_array_elements_text(coalesce(v.exploitation_details -> 'recruitmentMethods',
                             '[]'::jsonb))) AS recruitment,
                       ARRAY(SELECT jsonb_array_elements_text(coalesce(v.exploitation_details -> 'labourSectors',
                             '[]'::jsonb))) AS sectors
                  FROM case_view v LEFT JOIN case_journey j ON j.case_id = v.case_id
                 WHERE v.referred_at >= ? AND v.referred_at < ?""" + (nationality == null ? "" : " AND v.nationality = ?");
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
        if (nationality != null) {
            args.add(nationality);
        }
        return jdbc.query(tables.rewrite(sql), (rs, n) -> {
            ZonedDateTime at = rs.getTimestamp("referred_at").toInstant().atZone(ZoneOffset.UTC);
            String period = at.getYear() + "-Q" + ((at.getMonthValue() - 1) / 3 + 1);
            List<String> control = strings(rs.getArray("indicators")).stream()
                    .filter(HtcdsMapping.CONTROL::containsKey).toList();
            List<String> sectors = new ArrayList<>(strings(rs.getArray("exploitation_types")));
            strings(rs.getArray("sectors")).forEach(s -> sectors.add("LABOUR:" + s));
            return new Case(period, rs.getString("nationality"), dedupeConsecutive(strings(rs.getArray("countries"))),
                    rs.getString("border_crossing_documents"), strings(rs.getArray("recruitment")), control, sectors);
        }, args.toArray());
    }

    /** The first instant (UTC) of the quarter {@code at} falls in. */
    static Instant quarterStart(Instant at) {
        ZonedDateTime day = at.atZone(ZoneOffset.UTC);
        return java.time.LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** A route is the sequence of countries, each stay in one country once (two legs in a country read as one). */
    private static List<String> dedupeConsecutive(List<String> countries) {
        List<String> route = new ArrayList<>();
        for (String country : countries) {
            if (route.isEmpty() || !route.get(route.size() - 1).equals(country)) {
                route.add(country);
            }
        }
        return route;
    }

    private static List<String> strings(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}

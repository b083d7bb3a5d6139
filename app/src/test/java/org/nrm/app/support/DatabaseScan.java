package org.nrm.app.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Where personal data sits in clear in the database: every table of every schema, the engine's and the audit's too. */
public final class DatabaseScan {

    private DatabaseScan() {
    }

    /** Every table that holds {@code text} in clear, in any text, JSON or binary column. */
    public static List<String> placesHolding(JdbcTemplate jdbc, String text) {
        return scan(jdbc, Map.of("text", text), false);
    }

    /**
     * Every table that holds {@code date} in clear: in a date column, or written out in a text, JSON or binary column
     * (ISO {@code yyyy-MM-dd}, or Jackson's {@code [yyyy,M,d]} array, also as PostgreSQL prints it in JSONB).
     */
    public static List<String> placesHolding(JdbcTemplate jdbc, LocalDate date) {
        String array = date.getYear() + "," + date.getMonthValue() + "," + date.getDayOfMonth();
        return scan(jdbc, Map.of("text", date.toString(), "array", "[" + array + "]",
                "spaced", "[" + array.replace(",", ", ") + "]", "date", java.sql.Date.valueOf(date)), true);
    }

    private static List<String> scan(JdbcTemplate jdbc, Map<String, Object> values, boolean dates) {
        Map<String, List<String>> conditions = new TreeMap<>();
        jdbc.query("SELECT c.table_schema, c.table_name, c.column_name, c.data_type FROM information_schema.columns c "
                + "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
                + "WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND t.table_type = 'BASE TABLE' "
                + "AND c.data_type IN ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb', 'date')",
                rs -> {
                    String column = "\"" + rs.getString(3) + "\"";
                    String type = rs.getString(4);
                    List<String> any = conditions.computeIfAbsent("\"" + rs.getString(1) + "\".\"" + rs.getString(2)
                            + "\"", table -> new ArrayList<>());
                    if ("date".equals(type)) {
                        if (dates) {
                            any.add(column + " = :date");
                        }
                        return;
                    }
                    for (String key : dates ? List.of("text", "array", "spaced") : List.of("text")) {
                        any.add("bytea".equals(type)
                                ? "position(convert_to(:" + key + ", 'UTF8') IN " + column + ") > 0"
                                : "strpos(" + column + "::text, :" + key + ") > 0");
                    }
                });
        var named = new NamedParameterJdbcTemplate(jdbc);
        List<String> places = new ArrayList<>();
        conditions.forEach((table, any) -> {
            if (any.isEmpty()) {
                return;
            }
            Boolean holds = named.queryForObject("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE "
                    + String.join(" OR ", any) + ")", values, Boolean.class);
            if (Boolean.TRUE.equals(holds)) {
                places.add(table);
            }
        });
        return places;
    }
}

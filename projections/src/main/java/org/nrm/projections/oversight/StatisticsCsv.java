package org.nrm.projections.oversight;

import java.util.List;
import java.util.Map;

/** The published statistics as CSV: one row per figure ({@code section,category,count,suppressed}). */
public final class StatisticsCsv {

    private StatisticsCsv() {
    }

    public static String of(Map<String, Object> statistics) {
        StringBuilder csv = new StringBuilder("section,category,count,suppressed\n");
        write(csv, "", statistics);
        return csv.toString();
    }

    private static void write(StringBuilder csv, String section, Object value) {
        if (value instanceof Cell cell) {
            row(csv, section, cell.category(), cell.count() == null ? "" : cell.count().toString(), cell.suppressed());
        } else if (value instanceof List<?> list) {
            list.forEach(item -> write(csv, section, item));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> write(csv, section.isEmpty() ? k.toString() : section + "." + k, v));
        } else if (value instanceof Number || value == null) {
            row(csv, section, "", value == null ? "" : value.toString(), value == null);
        } else {
            row(csv, section, "", value.toString(), false);
        }
    }

    private static void row(StringBuilder csv, String section, String category, String count, boolean suppressed) {
        csv.append(quote(section)).append(',').append(quote(category)).append(',').append(count).append(',')
                .append(suppressed).append('\n');
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}

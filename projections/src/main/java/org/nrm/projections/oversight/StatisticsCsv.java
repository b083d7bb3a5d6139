package org.nrm.projections.oversight;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nrm.projections.csv.SafeCsv;

/** The published statistics as CSV: one row per figure ({@code section,category,count,suppressed}). */
public final class StatisticsCsv {

    private StatisticsCsv() {
    }

    public static String of(Map<String, Object> statistics) {
        SafeCsv csv = new SafeCsv(List.of("section", "category", "count", "suppressed"));
        write(csv, "", statistics);
        return csv.toString();
    }

    private static void write(SafeCsv csv, String section, Object value) {
        if (value instanceof Cell cell) {
            csv.row(Arrays.asList(section, cell.category(), cell.count(), String.valueOf(cell.suppressed())));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> write(csv, section, item));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> write(csv, section.isEmpty() ? k.toString() : section + "." + k, v));
        } else if (value instanceof Number || value == null) {
            csv.row(Arrays.asList(section, "", value, String.valueOf(value == null)));
        } else {
            csv.row(Arrays.asList(section, "", value.toString(), "false"));
        }
    }
}

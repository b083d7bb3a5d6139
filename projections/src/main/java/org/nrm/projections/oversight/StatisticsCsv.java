package org.nrm.projections.oversight;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.nrm.projections.csv.SafeCsv;

/**
 * The published statistics as CSV: one row per figure, {@code section,category,count,suppressed,value}. {@code count}
 * holds counts only (empty where a count is suppressed, {@code suppressed} then {@code true}); every other figure (the
 * period's {@code from} and {@code to}, the suppression threshold, rates, median and 90th-percentile days) is in
 * {@code value}, its {@code count} empty, so a spreadsheet summing the {@code count} column sums counts. A group that
 * says whether it is suppressed (a {@code suppressed} field beside its figures, as the decision times have) gives its
 * figures that flag instead of a row of its own, and a figure with a flag of its own ({@code positiveRateSuppressed}
 * beside {@code positiveRate}) gives it to that figure's row.
 */
public final class StatisticsCsv {

    /** Figures that are not counts: rates, percentiles and medians, the threshold, dates. */
    private static final Pattern MEASURE = Pattern.compile("(?i).*rate|median|p\\d+|mean|average|.*threshold|from|to");

    private StatisticsCsv() {
    }

    public static String of(Map<String, Object> statistics) {
        SafeCsv csv = new SafeCsv(List.of("section", "category", "count", "suppressed", "value"));
        write(csv, "", "", statistics, false);
        return csv.toString();
    }

    /** {@code suppressed} (the group's flag) or {@code xSuppressed} beside a figure {@code x} (that figure's flag). */
    private static boolean isFlag(Map<?, ?> map, Object key, Object value) {
        String name = key.toString();
        return value instanceof Boolean && ("suppressed".equals(name) || name.endsWith("Suppressed")
                && map.containsKey(name.substring(0, name.length() - "Suppressed".length())));
    }

    private static void write(SafeCsv csv, String section, String key, Object value, boolean groupSuppressed) {
        if (value instanceof Cell cell) {
            csv.row(Arrays.asList(section, cell.category(), cell.count(), String.valueOf(cell.suppressed()), ""));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> write(csv, section, key, item, groupSuppressed));
        } else if (value instanceof Map<?, ?> map) {
            boolean suppressed = map.get("suppressed") instanceof Boolean flag && flag;
            map.forEach((k, v) -> {
                if (!isFlag(map, k, v)) {
                    boolean own = map.get(k + "Suppressed") instanceof Boolean flag && flag;
                    write(csv, section.isEmpty() ? k.toString() : section + "." + k, k.toString(), v,
                            suppressed || own);
                }
            });
        } else if (!MEASURE.matcher(key).matches() && (value instanceof Number || value == null)) {
            boolean suppressed = value == null || groupSuppressed;
            csv.row(Arrays.asList(section, "", value, String.valueOf(suppressed), ""));
        } else {
            csv.row(Arrays.asList(section, "", null, String.valueOf(groupSuppressed),
                    value == null ? null : value.toString()));
        }
    }
}

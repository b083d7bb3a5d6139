package org.nrm.app.web;

import java.util.List;

/**
 * A horizontal bar chart drawn server-side as SVG: each row a label and up to two stacked parts (e.g. overdue and the
 * rest of the open tasks, or occupied and free beds). Bar lengths are percentages of the widest row, so the SVG scales
 * with the page; the numbers are written beside each bar and in the table under the chart.
 */
public record BarChart(String title, String firstSeries, String secondSeries, List<Row> rows) {

    /** The share of the chart's width the bars may take (the labels take the rest). */
    private static final double BAR_AREA = 48.0;

    public record Row(String label, long first, long second, double firstPercent, double secondPercent, int y) {

        public long total() {
            return first + second;
        }

        public String firstWidth() {
            return percent(firstPercent);
        }

        public String secondX() {
            return percent(LABEL_AREA + firstPercent);
        }

        public String secondWidth() {
            return percent(secondPercent);
        }

        public String valueX() {
            return percent(LABEL_AREA + firstPercent + secondPercent + 1);
        }
    }

    /** Where the bars begin, as a percentage of the width. */
    public static final double LABEL_AREA = 42.0;

    public static final int ROW_HEIGHT = 30;

    public static BarChart of(String title, String firstSeries, String secondSeries, List<String> labels,
                              List<Long> first, List<Long> second) {
        long max = 1;
        for (int i = 0; i < labels.size(); i++) {
            max = Math.max(max, first.get(i) + second.get(i));
        }
        var rows = new java.util.ArrayList<Row>();
        for (int i = 0; i < labels.size(); i++) {
            rows.add(new Row(labels.get(i), first.get(i), second.get(i), BAR_AREA * first.get(i) / max,
                    BAR_AREA * second.get(i) / max, i * ROW_HEIGHT));
        }
        return new BarChart(title, firstSeries, secondSeries, List.copyOf(rows));
    }

    public int height() {
        return Math.max(ROW_HEIGHT, rows.size() * ROW_HEIGHT);
    }

    public String barX() {
        return percent(LABEL_AREA);
    }

    public boolean stacked() {
        return secondSeries != null;
    }

    private static String percent(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", value);
    }
}

package org.nrm.projections.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class StatisticsCsvTest {

    @Test
    void categories_with_commas_newlines_quotes_and_formulas_stay_in_their_cell() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("byAgency", List.of(Cell.of("police, north", 12), Cell.of("=HYPERLINK(\"x\")", 20),
                Cell.of("two\nlines", 30).suppress(), Cell.of("say \"x\"", 40)));
        figures.put("total", 102L);
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(StatisticsCsv.of(figures))).getRecords();
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0).values()).containsExactly("section", "category", "count", "suppressed", "value");
        assertThat(rows.get(1).values()).containsExactly("byAgency", "police, north", "12", "false", "");
        assertThat(rows.get(2).values()).containsExactly("byAgency", "'=HYPERLINK(\"x\")", "20", "false", "");
        assertThat(rows.get(3).values()).containsExactly("byAgency", "two\nlines", "", "true", "");
        assertThat(rows.get(4).values()).containsExactly("byAgency", "say \"x\"", "40", "false", "");
        assertThat(rows.get(5).values()).containsExactly("total", "", "102", "false", "");
    }

    @Test
    void the_count_column_holds_counts_only_and_the_period_rates_and_days_are_values() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("from", java.time.LocalDate.of(2026, 10, 1));
        figures.put("to", java.time.LocalDate.of(2027, 1, 1));
        figures.put("suppressionThreshold", 5);
        Map<String, Object> reconsiderations = new LinkedHashMap<>();
        reconsiderations.put("decided", List.of(Cell.of("total", 20)));
        reconsiderations.put("overturnRate", 0.25);
        figures.put("reconsiderations", reconsiderations);
        Map<String, Object> times = new LinkedHashMap<>();
        times.put("decisions", null);
        times.put("suppressed", true);
        times.put("median", null);
        times.put("p90", null);
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("decisions", 12);
        shown.put("suppressed", false);
        shown.put("median", 4.5);
        shown.put("p90", 9.0);
        figures.put("decisionTimesDays", Map.of("reasonableGrounds", times));
        figures.put("conclusive", shown);

        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(StatisticsCsv.of(figures))).getRecords();
        assertThat(rows.stream().skip(1).map(r -> r.get(2)).filter(c -> !c.isEmpty()))
                .allSatisfy(c -> assertThat(c).matches("\\d+")).containsExactly("20", "12");
        assertThat(rows.get(1).values()).containsExactly("from", "", "", "false", "2026-10-01");
        assertThat(rows.get(2).values()).containsExactly("to", "", "", "false", "2027-01-01");
        assertThat(rows.get(3).values()).containsExactly("suppressionThreshold", "", "", "false", "5");
        assertThat(rows.get(5).values()).containsExactly("reconsiderations.overturnRate", "", "", "false", "0.25");
        assertThat(rows.get(6).values()).containsExactly("decisionTimesDays.reasonableGrounds.decisions", "", "",
                "true", "");
        assertThat(rows.get(7).values()).containsExactly("decisionTimesDays.reasonableGrounds.median", "", "",
                "true", "");
        assertThat(rows.stream().map(r -> r.get(0))).doesNotContain(
                "decisionTimesDays.reasonableGrounds.suppressed", "conclusive.suppressed");
        assertThat(rows.get(10).values()).containsExactly("conclusive.median", "", "", "false", "4.5");
    }

    @Test
    void a_rate_withheld_says_so_on_its_own_row() throws Exception {
        Map<String, Object> decisions = new LinkedHashMap<>();
        decisions.put("positiveRate", null);
        decisions.put("positiveRateSuppressed", true);
        Map<String, Object> none = new LinkedHashMap<>();
        none.put("positiveRate", null);
        none.put("positiveRateSuppressed", false);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("reasonableGrounds", decisions);
        figures.put("conclusiveGrounds", none);
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(StatisticsCsv.of(figures))).getRecords();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).values()).containsExactly("reasonableGrounds.positiveRate", "", "", "true", "");
        // no decisions in the period: no rate, and nothing withheld
        assertThat(rows.get(2).values()).containsExactly("conclusiveGrounds.positiveRate", "", "", "false", "");
    }
}

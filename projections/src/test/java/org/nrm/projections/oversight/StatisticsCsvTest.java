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
        assertThat(rows.get(0).values()).containsExactly("section", "category", "count", "suppressed");
        assertThat(rows.get(1).values()).containsExactly("byAgency", "police, north", "12", "false");
        assertThat(rows.get(2).values()).containsExactly("byAgency", "'=HYPERLINK(\"x\")", "20", "false");
        assertThat(rows.get(3).values()).containsExactly("byAgency", "two\nlines", "", "true");
        assertThat(rows.get(4).values()).containsExactly("byAgency", "say \"x\"", "40", "false");
        assertThat(rows.get(5).values()).containsExactly("total", "", "102", "false");
    }
}

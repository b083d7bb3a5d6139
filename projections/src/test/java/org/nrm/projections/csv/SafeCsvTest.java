package org.nrm.projections.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class SafeCsvTest {

    private static final List<String> HOSTILE = List.of("a,b", "line\nbreak", "say \"hi\"",
            "=HYPERLINK(\"http://evil.example\",\"click\")", "+1+2", "-3", "@SUM(A1)", "\tTab", "\rCR", "plain", "");

    @Test
    void hostile_values_round_trip_as_one_record_each_and_formulas_are_neutralised() throws Exception {
        SafeCsv csv = new SafeCsv(List.of("value", "count"));
        for (String value : HOSTILE) {
            csv.row(Arrays.asList(value, 7));
        }
        csv.row(Arrays.asList(null, -5));
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(csv.toString())).getRecords();
        assertThat(records).hasSize(HOSTILE.size() + 2);
        assertThat(records).allSatisfy(r -> assertThat(r.size()).isEqualTo(2));
        assertThat(records.get(1).get(0)).isEqualTo("a,b");
        assertThat(records.get(2).get(0)).isEqualTo("line\nbreak");
        assertThat(records.get(3).get(0)).isEqualTo("say \"hi\"");
        assertThat(records.get(4).get(0)).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"click\")");
        assertThat(records.get(5).get(0)).isEqualTo("'+1+2");
        assertThat(records.get(6).get(0)).isEqualTo("'-3");
        assertThat(records.get(7).get(0)).isEqualTo("'@SUM(A1)");
        assertThat(records.get(8).get(0)).isEqualTo("'\tTab");
        assertThat(records.get(9).get(0)).isEqualTo("'\rCR");
        assertThat(records.get(10).get(0)).isEqualTo("plain");
        assertThat(records.get(11).get(0)).isEmpty();
        assertThat(records.get(12).get(0)).isEmpty();
        assertThat(records.get(12).get(1)).as("numbers the platform writes are not text").isEqualTo("-5");
        assertThat(csv.toString()).contains("\"a,b\"").contains("\"say \"\"hi\"\"\"").endsWith("\r\n");
    }
}

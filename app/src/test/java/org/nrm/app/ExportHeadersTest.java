package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.nrm.projections.oversight.HtcdsMapping;

/**
 * The header of each record-level export as a partner downloads it, compared with the standard's own list of names
 * (committed in projections' {@code src/test/resources/standards}: CTDC's 2021 global dataset's columns, HTCDS 2.0's
 * field table).
 */
class ExportHeadersTest extends PlatformTest {

    private static List<String> standard(String name) throws IOException {
        try (var in = ExportHeadersTest.class.getResourceAsStream("/standards/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }

    private List<String> header(String path) throws IOException {
        Api.Response response = as("rapporteur").get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(response.body().asText()))
                .getHeaderNames();
    }

    @Test
    void the_ctdc_export_s_header_is_ctdc_s_column_list_to_the_letter_and_in_order() throws IOException {
        refer(referralOfAdult());
        List<String> ctdc = standard("ctdc-columns.txt").stream().map(String::trim).toList();
        assertThat(ctdc).hasSize(63).contains("ageBroad", "CountryOfExploitation", "RecruiterRelationship");
        assertThat(header("/api/oversight/export/ctdc")).containsExactlyElementsOf(ctdc);
    }

    @Test
    void every_column_of_the_htcds_export_is_named_as_htcds_2_0_or_ctdc_names_it_or_is_a_listed_extension()
            throws IOException {
        refer(referralOfAdult());
        Set<String> htcds = new HashSet<>();
        List<String> table = standard("htcds-2.0-fields.tsv");
        for (String line : table.subList(1, table.size())) {
            String[] columns = line.split("\t", -1);
            if (columns.length > 3) {
                htcds.add(columns[3]);
            }
        }
        List<String> ctdc = standard("ctdc-columns.txt").stream().map(String::trim).toList();
        List<String> header = header("/api/oversight/export/htcds");
        assertThat(header).contains("prs_Gender", "vic_TraffickingStatus", "vic_MethodsOfControl", "cas_Status",
                "con_Consent").doesNotHaveDuplicates();
        assertThat(header).allSatisfy(name -> assertThat(htcds.contains(name) || ctdc.contains(name)
                || HtcdsMapping.EXTENSIONS.containsKey(name)).as(name).isTrue());
    }

    @Test
    void every_row_of_both_downloads_has_one_cell_per_column_and_no_cell_a_spreadsheet_would_run() throws IOException {
        // eleven alike (k = 11) with several values in the multi-valued cells, among every case the platform holds
        for (int i = 0; i < 11; i++) {
            Map<String, Object> body = new java.util.LinkedHashMap<>(referralOfAdult());
            body.put("exploitationLocation", "DOMESTIC_AND_OVERSEAS");
            body.put("exploitationTypes", List.of("SEXUAL", "FORCED_LABOUR", "BEGGING"));
            body.put("indicators", List.of("DEBT_BONDAGE", "THREATS", "USES_CHILDREN"));
            body.put("exploitationDetails", Map.of("countriesOfExploitation", List.of("XK", "DE"),
                    "labourSectors", List.of("AGRICULTURE", "CONSTRUCTION"), "recruiterRelations",
                    List.of("FRIEND", "FAMILY_MEMBER")));
            refer(body);
        }
        for (String path : List.of("/api/oversight/export/htcds", "/api/oversight/export/ctdc")) {
            Api.Response response = as("rapporteur").get(path);
            assertThat(response.status()).isEqualTo(200);
            String csv = response.body().asText();
            var parser = CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(csv));
            int columns = parser.getHeaderNames().size();
            var records = parser.getRecords();
            assertThat(records).as(path).hasSizeGreaterThanOrEqualTo(11);
            for (var record : records) {
                assertThat(record.size()).as(path + " row " + record.getRecordNumber()).isEqualTo(columns);
                assertThat(record.isConsistent()).isTrue();
                for (String cell : record.values()) {
                    assertThat(cell).as(path + " row " + record.getRecordNumber()).doesNotStartWith("=")
                            .doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
                }
            }
            // RFC 4180: CRLF after each record, as many lines as records and the header (no value breaks a line)
            assertThat(csv.split("\r\n", -1)).hasSize(records.size() + 2);
        }
    }
}

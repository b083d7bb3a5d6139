package org.nrm.app.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

class FilterProblemsTest {

    @Test
    void a_filter_problem_has_the_standard_members_first_then_its_own() throws IOException {
        var response = new MockHttpServletResponse();
        FilterProblems.write(new ObjectMapper(), response, 413, "Request too large", "Too large.", "/api/cases",
                Map.of("limitBytes", 2048));
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Request too "
                + "large\",\"status\":413,\"detail\":\"Too large.\",\"instance\":\"/api/cases\",\"limitBytes\":2048}");
    }

    @Test
    void without_an_instance_the_member_is_left_out() throws IOException {
        var response = new MockHttpServletResponse();
        FilterProblems.write(new ObjectMapper(), response, 429, "Too Many Requests", "Later.", null, Map.of());
        assertThat(response.getContentAsString()).doesNotContain("instance").contains("\"status\":429");
    }

    /** The filters write their problems through this one writer, not each its own copy of the document. */
    @Test
    void no_other_main_class_writes_a_problem_document_by_hand() throws IOException {
        Path main = Path.of("src/main/java");
        List<Path> writers;
        try (Stream<Path> files = Files.walk(main)) {
            writers = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.endsWith("FilterProblems.java"))
                    .filter(f -> read(f).contains("\"about:blank\""))
                    .toList();
        }
        assertThat(writers).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package org.nrm.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jurisdiction's agencies are configuration: no demo agency id is written into the model (BPMN, DMN) or into a
 * string of workflow's code. A step's queue comes from {@code ${jurisdiction.candidates(...)}}.
 */
class NoAgencyInTheModelTest {

    private static final Path MODELS = Path.of("src/main/resources/bpmn");
    private static final Path CODE = Path.of("src/main/java");
    private static final Pattern JAVA_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The id as a whole token: "police" is not found inside "border-police"'s neighbours' words, but is itself. */
    private static boolean names(String text, String agency) {
        return Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(agency) + "(?![A-Za-z0-9_-])").matcher(text).find();
    }

    private static List<Path> files(Path root, String... endings) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .filter(path -> Stream.of(endings).anyMatch(path.toString()::endsWith)).sorted().toList();
        }
    }

    @Test
    void no_demo_agency_id_is_written_into_the_bpmn_or_dmn_models() throws IOException {
        List<Path> models = files(MODELS, ".bpmn", ".dmn");
        assertThat(models).extracting(path -> path.getFileName().toString())
                .contains("national-referral-mechanism.bpmn", "shelter-admission.dmn");
        List<String> found = new ArrayList<>();
        for (Path model : models) {
            String text = Files.readString(model);
            TestJurisdictions.DEMO_AGENCY_IDS.stream().filter(agency -> names(text, agency))
                    .forEach(agency -> found.add(model.getFileName() + ": " + agency));
        }
        assertThat(found).isEmpty();
    }

    @Test
    void every_user_task_takes_its_queue_from_the_jurisdiction() throws IOException {
        // every process model: the mechanism, the triage of reports from the public, a returning national's (which has
        // its own case closure)
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (Path file : files(MODELS, ".bpmn")) {
            String model = Files.readString(file);
            Matcher groups = Pattern.compile("camunda:candidateGroups=\"([^\"]*)\"").matcher(model);
            while (groups.find()) {
                assertThat(groups.group(1)).as(file.getFileName().toString()).startsWith("${jurisdiction.candidates(");
            }
            Matcher tasks = Pattern.compile("<bpmn:userTask id=\"([^\"]+)\"").matcher(model);
            while (tasks.find()) {
                keys.add(tasks.group(1));
            }
            assertThat(model.split("<bpmn:userTask ", -1).length - 1).as(file.getFileName() + ": every user task has its queue")
                    .isEqualTo(model.split("camunda:candidateGroups=", -1).length - 1);
        }
        assertThat(keys).isEqualTo(new java.util.TreeSet<>(java.util.Arrays.stream(TaskKey.values())
                .map(TaskKey::key).toList()));
    }

    @Test
    void no_demo_agency_id_is_a_string_in_workflows_code() throws IOException {
        List<Path> sources = files(CODE, ".java");
        assertThat(sources).isNotEmpty();
        List<String> found = new ArrayList<>();
        for (Path source : sources) {
            Matcher strings = JAVA_STRING.matcher(Files.readString(source));
            while (strings.find()) {
                String literal = strings.group(1);
                TestJurisdictions.DEMO_AGENCY_IDS.stream().filter(agency -> names(literal, agency))
                        .forEach(agency -> found.add(source.getFileName() + ": \"" + literal + "\""));
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void the_guard_finds_an_agency_id_where_one_is_written() {
        assertThat(names("camunda:candidateGroups=\"competent-authority\"", "competent-authority")).isTrue();
        assertThat(names("${child ? 'child-services' : 'x'}", "child-services")).isTrue();
        assertThat(names("border-police", "police")).isFalse();
        assertThat(names("candidates('case-closure')", "police")).isFalse();
    }
}

package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nrm.workflow.ProcessVariables;

/**
 * Issue #19: the engine's variables are declared once, typed, in {@link ProcessVariables}; no other main source names
 * one. A source scan of every module (the models' XML names them, and the tests of the models may): in
 * {@code referral-domain} and {@code workflow} no string literal is a variable's name; in {@code projections} and
 * {@code app}, whose JSON fields and columns share some of the plain words ({@code caseId}, {@code child}), no literal
 * is the name of a variable that is not such a word, and no call of the engine's variable API takes a literal name.
 */
class ProcessVariablesDeclaredOnceTest {

    private static final Path ROOT = Path.of("..");
    /** A string literal on one line (an unrolled loop: no backtracking, whatever the literal's length). */
    private static final Pattern LITERAL = Pattern.compile("\"([^\"\\\\\n]*+(?:\\\\.[^\"\\\\\n]*+)*+)\"");
    private static final Pattern VARIABLE_CALL = Pattern.compile(
            "(?:[gs]etVariable(?:Local)?|variableName|putValue|removeVariable(?:Local)?)\\(\\s*\"([^\"]*)\"");
    /** Literals that are a variable's name but mean something else, each with what it is. */
    private static final Set<String> OTHER_MEANINGS = Set.of(
            // the notification table's column
            "workflow/src/main/java/org/nrm/workflow/queue/Notifications.java: \"message\"");
    /** Names of variables that are also the public API's fields or the views' columns (where app and projections
     * use them as such). */
    private static final Set<String> PLAIN_WORDS = Set.of("caseId", "child", "gender", "message", "eventId",
            "notification", "returnId", "foreignNational", "needsAccommodation", "ageUncertain", "dueAt", "taskKey",
            "countryOfReturn", "shelterType", "durableSolution", "returnRisk", "followUpStatus",
            "permitApplicationId", "reasonableGroundsDueAt", "recoveryPeriodEndsAt", "reconsiderationWindowEndsAt",
            "moveOnSupportEndsAt", "permitValidUntil", "triageDueAt", "negativeDecision", "ageAssessment");

    private static final Set<String> NAMES = ProcessVariables.all().stream().map(ProcessVariables.Variable::name)
            .collect(Collectors.toUnmodifiableSet());

    @Test
    void every_variable_is_declared_once_with_its_type() {
        assertThat(ProcessVariables.all()).hasSizeGreaterThan(10);
        assertThat(ProcessVariables.all().stream().map(ProcessVariables.Variable::name)).doesNotHaveDuplicates();
        assertThat(ProcessVariables.all()).allSatisfy(v -> assertThat(v.type()).isNotNull());
    }

    @Test
    void no_source_of_the_domain_or_the_workflow_names_a_variable_outside_its_declaration() {
        List<String> found = new ArrayList<>();
        for (Path source : sources("referral-domain", "workflow")) {
            if (source.endsWith(Path.of("org", "nrm", "workflow", "ProcessVariables.java"))) {
                continue;
            }
            literals(source, found, NAMES);
        }
        assertThat(found).as("variable names outside ProcessVariables (use its declarations)").isEmpty();
    }

    @Test
    void the_application_and_the_projections_reach_variables_only_through_their_declarations() {
        List<String> found = new ArrayList<>();
        Set<String> distinctive = NAMES.stream().filter(n -> !PLAIN_WORDS.contains(n)).collect(Collectors.toSet());
        for (Path source : sources("projections", "app")) {
            literals(source, found, distinctive);
            String text = read(source);
            Matcher call = VARIABLE_CALL.matcher(text);
            while (call.find()) {
                if (NAMES.contains(call.group(1))) {
                    found.add(ROOT.relativize(source) + ": " + call.group());
                }
            }
        }
        assertThat(found).as("engine variables named outside ProcessVariables").isEmpty();
        assertThat(distinctive).as("the scan looks for something").contains("rgOutcome", "triageOutcome");
    }

    private static void literals(Path source, List<String> found, Set<String> names) {
        String text = read(source).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
        Matcher literal = LITERAL.matcher(text);
        while (literal.find()) {
            String where = ROOT.relativize(source) + ": \"" + literal.group(1) + "\"";
            if (names.contains(literal.group(1)) && !OTHER_MEANINGS.contains(where)) {
                found.add(where);
            }
        }
    }

    private static List<Path> sources(String... modules) {
        List<Path> sources = new ArrayList<>();
        for (String module : modules) {
            Path main = ROOT.resolve(module).resolve("src/main/java");
            assertThat(main).as(module).isDirectory();
            try (Stream<Path> walk = Files.walk(main)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

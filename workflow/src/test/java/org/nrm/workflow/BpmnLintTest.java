package org.nrm.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The models through the real bpmnlint (npm, {@code bpmnlint:recommended}, see {@code workflow/tools/.bpmnlintrc}),
 * and the committed diagrams against what {@code workflow/tools/layout-bpmn.mjs} draws from them, so a changed model
 * cannot go in with a stale or hand-broken diagram. Needs Node 20+ and npm (the packages come from the committed
 * lock file, installed once into {@code target/bpmn-tools}).
 */
class BpmnLintTest {

    private static final Path TOOLS = Path.of("tools");
    private static final Path WORK = Path.of("target", "bpmn-tools");
    private static final List<Path> MODELS = List.of(
            Path.of("src/main/resources/bpmn/national-referral-mechanism.bpmn").toAbsolutePath(),
            Path.of("src/main/resources/bpmn/domain-event-correlation.bpmn").toAbsolutePath(),
            Path.of("src/main/resources/bpmn/public-report-triage.bpmn").toAbsolutePath(),
            Path.of("src/main/resources/bpmn/returning-national.bpmn").toAbsolutePath());

    @BeforeAll
    static void install() throws Exception {
        Files.createDirectories(WORK);
        boolean changed = false;
        for (String file : List.of("package.json", "package-lock.json", ".bpmnlintrc", "layout-bpmn.mjs")) {
            Path target = WORK.resolve(file);
            byte[] source = Files.readAllBytes(TOOLS.resolve(file));
            if (!Files.exists(target) || !java.util.Arrays.equals(source, Files.readAllBytes(target))) {
                Files.copy(TOOLS.resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
                changed |= file.startsWith("package");
            }
        }
        if (changed || !Files.isDirectory(WORK.resolve("node_modules/bpmnlint"))) {
            Result npm = run(List.of("npm", "ci", "--omit=dev", "--no-audit", "--no-fund"), 300);
            assertThat(npm.exit()).as("npm ci in " + WORK + ":\n" + npm.output()).isZero();
        }
    }

    @Test
    void bpmnlintReportsNothingWithTheRecommendedRules() throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "node_modules/bpmnlint/bin/bpmnlint.js"));
        MODELS.forEach(model -> command.add(model.toString()));
        Result lint = run(command, 120);
        assertThat(lint.exit()).as(lint.output()).isZero();
        assertThat(lint.output()).doesNotContain("error", "warning");
    }

    @Test
    void theCommittedDiagramsAreTheOnesTheLayoutScriptDraws() throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "layout-bpmn.mjs", "--check"));
        MODELS.forEach(model -> command.add(model.toString()));
        Result check = run(command, 120);
        assertThat(check.exit()).as("run `cd workflow/tools && npm ci && node layout-bpmn.mjs`:\n" + check.output())
                .isZero();
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            throw new AssertionError("cannot run " + command.get(0) + " (Node 20+ and npm are needed to lint the "
                    + "BPMN models)", notInstalled);
        }
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}

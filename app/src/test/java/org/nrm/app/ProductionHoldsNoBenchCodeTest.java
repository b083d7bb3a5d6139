package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Benchmark code stays out of the product: the classes the production jar is built from (the {@code target/classes}
 * of app, workflow, projections and referral-domain) hold no seeding code: no class named like a seeder, none that
 * reads the seeding mode's settings ({@code nrm.seed.*}) or writes the event store's table directly. The benchmark
 * seeds with its own JDBC ({@code bench}'s {@code BulkSeed}); the same scan over the bench's classes finds it, so
 * the scan does look.
 */
class ProductionHoldsNoBenchCodeTest {

    @Test
    void the_production_modules_classes_hold_no_seeding_code_and_the_scan_finds_the_bench_seeder() {
        // where each module's classes were loaded from: its target/classes in the reactor build
        List<Path> product = Stream.of(NrmApplication.class, org.nrm.workflow.queue.WorkQueue.class,
                org.nrm.projections.CaseSequencingPolicy.class, org.nrm.referral.api.ReferralSubmitted.class)
                .map(ProductionHoldsNoBenchCodeTest::classesOf).toList();
        Path bench = classesOf(org.nrm.bench.BulkSeed.class);
        assertThat(product).as("the production modules' classes (directories, or jars in a packaging build)")
                .allMatch(Files::exists).doesNotHaveDuplicates().doesNotContain(bench);

        List<String> offending = new ArrayList<>();
        for (Path classes : product) {
            offending.addAll(seedingClasses(classes));
        }
        assertThat(offending).as("seeding code in the production jar's classes").isEmpty();
        assertThat(seedingClasses(bench)).as("the scan finds the bench's seeder").anyMatch(c -> c.contains("BulkSeed"));
    }

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The class files under {@code root} (a directory or a jar) that look like seeding code, with the reason. */
    private static List<String> seedingClasses(Path root) {
        List<String> reasons = new ArrayList<>();
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        check(root.relativize(f).toString(), Files.readAllBytes(f), reasons);
                    }
                }
            } else {
                try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(root.toFile())) {
                    for (var entry : java.util.Collections.list(jar.entries())) {
                        if (entry.getName().endsWith(".class")) {
                            try (var in = jar.getInputStream(entry)) {
                                check(entry.getName(), in.readAllBytes(), reasons);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reasons;
    }

    private static void check(String name, byte[] bytes, List<String> reasons) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (name.substring(name.lastIndexOf('/') + 1).contains("Seed")) {
            reasons.add(name + ": named like a seeder");
        }
        if (text.contains("nrm.seed.")) {
            reasons.add(name + ": reads nrm.seed.*");
        }
        if (text.toUpperCase(java.util.Locale.ROOT).contains("INSERT INTO DOMAINEVENTENTRY")) {
            reasons.add(name + ": writes the event store's table directly");
        }
    }

}

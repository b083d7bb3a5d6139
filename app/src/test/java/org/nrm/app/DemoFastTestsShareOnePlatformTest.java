package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The demo-fast execution starts one platform for all its tests only while each of them has exactly the configuration
 * of {@link org.nrm.app.support.DemoFastPlatform}: a test that restates the profile, the tag or its own properties
 * would start a second platform (and a second embedded database) in that JVM, or run in the wrong execution.
 */
class DemoFastTestsShareOnePlatformTest {

    private static final Path TESTS = Path.of("src/test/java");

    @Test
    void every_demo_fast_test_extends_the_one_demo_fast_platform_and_none_restates_its_configuration()
            throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(TESTS)) {
            sources = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.endsWith(Path.of("org/nrm/app/support/DemoFastPlatform.java"))).toList();
        }
        assertThat(sources).as("the test sources are found").hasSizeGreaterThan(50);
        int demoFast = 0;
        for (Path source : sources) {
            String text = Files.readString(source);
            assertThat(text).as(source + " restates the demo-fast configuration")
                    .doesNotContain("@ActiveProfiles(\"demo-fast\")").doesNotContain("@Tag(\"demo-fast\")");
            if (text.contains("extends DemoFastPlatform")) {
                demoFast++;
            }
        }
        assertThat(demoFast).as("tests running whole cases under demo-fast").isGreaterThanOrEqualTo(6);
    }
}

package dev.builderdesk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the pinned {@code opencode} binary is: {@code $BUILDER_DESK_OPENCODE}, else where .ci/run installs it. In CI
 * its absence fails the test; elsewhere the test is skipped with the reason.
 */
public final class OpenCodeBinary {
    static final Path DEFAULT = Path.of(System.getProperty("user.home"),
            ".cache/builder-desk/opencode/node_modules/.bin/opencode");

    private OpenCodeBinary() {
    }

    public static String require() {
        String configured = System.getenv("BUILDER_DESK_OPENCODE");
        Path binary = configured != null ? Path.of(configured) : DEFAULT;
        boolean present = Files.isExecutable(binary);
        if (System.getenv("CI") != null) {
            assertThat(present).as("CI installs opencode-ai; not found at " + binary).isTrue();
        }
        assumeTrue(present, "opencode is not installed at " + binary + " (run .ci/run once)");
        return binary.toString();
    }
}

package dev.builderdesk.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The realistic agent answers (long code blocks, tables, task lists) of {@code src/test/resources/answers}, copied
 * from the shared fixtures so a fresh checkout has them.
 */
public final class Answers {
    public static final List<String> NAMES = List.of("pricing-section", "refactor-hooks", "debug-build-error");

    private Answers() {
    }

    public static String answer(String name) {
        try (InputStream in = Answers.class.getResourceAsStream("/answers/" + name + ".md")) {
            if (in == null) {
                throw new IllegalArgumentException("No answer " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The three answers three times over, blank-line separated: the 5,000-word benchmark answer. */
    public static String longAnswer() {
        StringBuilder all = new StringBuilder();
        for (int round = 0; round < 3; round++) {
            for (String name : NAMES) {
                if (!all.isEmpty()) {
                    all.append("\n\n");
                }
                all.append(answer(name));
            }
        }
        return all.toString();
    }
}

package dev.builderdesk.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FallbackTextTest {
    @Test
    void finalOutputWinsOverThePromptSentence() {
        assertThat(FallbackText.of("  Done.  ", "hi")).isEqualTo("Done.");
    }

    @Test
    void greetingsHelpAndEverythingElseGetTheirSentence() {
        assertThat(FallbackText.of(null, "Hello!")).startsWith("Hi. I can edit app code");
        assertThat(FallbackText.of("", "shalom")).startsWith("Hi. I can edit app code");
        assertThat(FallbackText.of("", "hi there")).startsWith("I can help with code changes");
        assertThat(FallbackText.of("", "What can you do?")).startsWith("I can inspect and edit files");
        assertThat(FallbackText.of("", "help")).startsWith("I can inspect and edit files");
        assertThat(FallbackText.of("", "so how can you help me")).startsWith("I can inspect and edit files");
        assertThat(FallbackText.of(" ", "fix the build")).isEqualTo(
                "I can help with code changes, debugging, and verification in this app workspace. Tell me your goal.");
    }

    @Test
    void titlesAreCollapsedAndShortened() {
        assertThat(RunService.titleOf("  make\n the   title\tblue ")).isEqualTo("make the title blue");
        String long1 = "x".repeat(200);
        assertThat(RunService.titleOf(long1)).hasSize(80).endsWith("...");
    }
}

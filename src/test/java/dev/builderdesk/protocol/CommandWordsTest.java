package dev.builderdesk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandWordsTest {
    @Test
    void splitsOnBlanksWithQuotesAndEscapesAsAShellWould() {
        assertThat(CommandWords.split("  npm   run build ")).containsExactly("npm", "run", "build");
        assertThat(CommandWords.split("sh -c 'ls | wc -l; echo \"$HOME\"'")).containsExactly("sh", "-c",
                "ls | wc -l; echo \"$HOME\"");
        assertThat(CommandWords.split("echo \"a \\\"b\\\" \\\\ \\$c\" d\\ e")).containsExactly("echo",
                "a \"b\" \\ $c", "d e");
        assertThat(CommandWords.split("x '' \"\"")).containsExactly("x", "", "");
        assertThat(CommandWords.split("pre'fix'\"ed\"")).containsExactly("prefixed");
        assertThat(CommandWords.split("   ")).isEmpty();
    }

    @Test
    void refusesWhatWouldNeedAShellAndUnclosedQuotes() {
        for (String line : List.of("npm run build && npm test", "make | tee log", "ls *.ts", "echo $HOME",
                "a; b", "cat < in", "run > out", "echo `date`", "(cd x)")) {
            assertThatThrownBy(() -> CommandWords.split(line)).as(line)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("would need a shell");
        }
        for (String line : List.of("echo \"$HOME\"", "echo \"`date`\"")) {
            assertThatThrownBy(() -> CommandWords.split(line)).as(line)
                    .hasMessageContaining("inside \"…\" would need a shell");
        }
        assertThatThrownBy(() -> CommandWords.split("echo 'open")).hasMessage("A ' is not closed.");
        assertThatThrownBy(() -> CommandWords.split("echo \"open")).hasMessage("A \" is not closed.");
        assertThatThrownBy(() -> CommandWords.split("echo end\\")).hasMessage("The line ends with a \\.");
    }

    @Test
    void joinReadsBackAsTheSameWords() {
        for (List<String> words : List.of(List.of("npm", "run", "build"), List.of("sh", "-c", "ls | wc -l"),
                List.of("echo", "it's", "", "a b", "$X", "tab\there"), List.of("./gradlew", "test", "--info=a,b"))) {
            assertThat(CommandWords.split(CommandWords.join(words))).as(words.toString()).isEqualTo(words);
        }
        assertThat(CommandWords.join(List.of("npm", "run", "build"))).isEqualTo("npm run build");
        assertThat(CommandWords.join(List.of("sh", "-c", "a b"))).isEqualTo("sh -c 'a b'");
        assertThat(CommandWords.join(List.of("sh", "-c", "echo 'hi' >&2"))).isEqualTo("sh -c \"echo 'hi' >&2\"");
        assertThat(CommandWords.join(List.of("x", "$X 'y' z"))).isEqualTo("x '$X '\\''y'\\'' z'");
    }
}

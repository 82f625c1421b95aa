package dev.builderdesk.ui.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.Answers;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MarkdownStreamTest {

    static List<String> fixtures() {
        return Answers.NAMES;
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void chunkedFixtureGivesTheBlocksOfTheWholeText(String name) {
        String answer = Answers.answer(name);
        List<String> whole = MarkdownStream.blocksOf(answer);
        for (long seed = 1; seed <= 6; seed++) {
            Random random = new Random(seed);
            MarkdownStream stream = new MarkdownStream();
            List<String> before = List.of();
            for (int at = 0; at < answer.length();) {
                int end = Math.min(answer.length(), at + 1 + random.nextInt(12));
                int changed = stream.append(answer.substring(at, end));
                List<String> now = stream.blocks();
                // Everything before the reported index is unchanged; the block at it (if any) did change.
                for (int k = 0; k < Math.min(changed, before.size()); k++) {
                    assertThat(now.get(k)).isEqualTo(before.get(k));
                }
                if (changed < now.size() && changed < before.size()) {
                    assertThat(now.get(changed)).isNotEqualTo(before.get(changed));
                }
                before = now;
                at = end;
            }
            assertThat(stream.blocks()).as("seed %d", seed).isEqualTo(whole);
            assertThat(stream.text()).isEqualTo(answer);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void blocksAreExactSubstringsInOrder(String name) {
        String answer = Answers.answer(name);
        List<String> blocks = MarkdownStream.blocksOf(answer);
        int at = 0;
        for (String block : blocks) {
            int found = answer.indexOf(block, at);
            assertThat(found).isGreaterThanOrEqualTo(at);
            assertThat(answer.substring(at, found)).isBlank();
            at = found + block.length();
        }
        assertThat(answer.substring(at)).isBlank();
    }

    @Test
    void splitsTheFixtureIntoItsTopLevelBlocks() {
        List<String> blocks = MarkdownStream.blocksOf(Answers.answer("pricing-section"));
        assertThat(blocks.get(0)).startsWith("Here is the plan").endsWith("landing page later.");
        assertThat(blocks.get(1)).isEqualTo("## What changes");
        assertThat(blocks.get(2)).startsWith("1. Add a `Pricing` component").endsWith("under 720 px");
        assertThat(blocks.get(3)).startsWith("> Note:");
        assertThat(blocks).contains("```bash\nnpm install\nnpm run dev -- --open\n```");
        assertThat(blocks.stream().filter(b -> b.startsWith("```")).count()).isEqualTo(4);
        assertThat(blocks.stream().filter(b -> b.startsWith("| Tier")).count()).isEqualTo(1);
    }

    @Test
    void aDeltaSplitInsideAFenceMarkerStillEndsTheBlock() {
        MarkdownStream stream = new MarkdownStream();
        stream.append("Text\n\n``");
        stream.append("`ts\nlet a = 1;\n`");
        assertThat(stream.blocks()).hasSize(2);
        assertThat(stream.block(1)).startsWith("```ts");
        stream.append("``\n\nAfter");
        assertThat(stream.blocks()).containsExactly("Text", "```ts\nlet a = 1;\n```", "After");
    }

    @Test
    void aParagraphBecomesATableWhenItsDelimiterRowArrives() {
        MarkdownStream stream = new MarkdownStream();
        stream.append("Intro\n\n| a | b |\n");
        assertThat(stream.blocks()).containsExactly("Intro", "| a | b |");
        int changed = stream.append("|---|--:|\n| 1 | 2 |");
        assertThat(changed).isEqualTo(1);
        assertThat(stream.blocks()).containsExactly("Intro", "| a | b |\n|---|--:|\n| 1 | 2 |");
    }

    @Test
    void aRowStartedOnTheLastLineRejoinsTheTable() {
        MarkdownStream stream = new MarkdownStream();
        stream.append("| a | b |\n|---|--:|\n|");
        stream.append(" 1 | 2 |");
        assertThat(stream.blocks()).containsExactly("| a | b |\n|---|--:|\n| 1 | 2 |");
    }

    @Test
    void appendingWhitespaceChangesNothing() {
        MarkdownStream stream = new MarkdownStream();
        stream.append("# Title\n\nBody");
        assertThat(stream.append("\n\n")).isEqualTo(2);
        assertThat(stream.append("")).isEqualTo(2);
    }

    @Test
    void aDefinitionTakesItsTitleFromTheNextLine() {
        String text = "[foo]: /url\n'the title'\n\n[foo]";
        MarkdownStream stream = new MarkdownStream();
        for (int i = 0; i < text.length(); i++) {
            stream.append(text.substring(i, i + 1));
        }
        assertThat(stream.blocks()).isEqualTo(MarkdownStream.blocksOf(text));
    }

    @Test
    void perDeltaWorkIsBoundedByTheLastBlock() {
        String answer = Answers.longAnswer();
        MarkdownStream stream = new MarkdownStream();
        int maxParsed = 0;
        for (int at = 0; at < answer.length(); at += 7) {
            stream.append(answer.substring(at, Math.min(answer.length(), at + 7)));
            maxParsed = Math.max(maxParsed, stream.lastParsedLength());
        }
        List<String> blocks = stream.blocks();
        int longestPair = 0;
        for (int k = 1; k < blocks.size(); k++) {
            longestPair = Math.max(longestPair, blocks.get(k - 1).length() + blocks.get(k).length());
        }
        assertThat(answer.length()).isGreaterThan(25_000);
        // At most the last two blocks plus the delta and blank lines: never anything like the whole answer.
        assertThat(maxParsed).isLessThanOrEqualTo(longestPair + 16).isLessThan(answer.length() / 10);
    }
}

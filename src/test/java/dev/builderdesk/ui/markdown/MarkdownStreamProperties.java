package dev.builderdesk.ui.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.Answers;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** However a text is cut into deltas, streaming it gives the blocks of parsing it whole. */
class MarkdownStreamProperties {
    private static final List<String> PIECES = List.of("```", "~~~", "ts", "\n", "\n\n", " ", "  ", "    ", "|",
            "---", ":-:", "-", "- ", "* ", "1. ", "2) ", "> ", "#", "## ", "[x] ", "[ ] ", "**", "~~", "_", "`",
            "a", "word", "<div>", "</div>", "<!-- c -->", "[foo]: /url", "'title'", "[foo]", "===", "\t", "\r\n",
            "https://x.dev", "+ ", "<", "\\");

    @Property(tries = 1000)
    void randomChunkingGivesTheSameBlocks(@ForAll("chunked") Chunked input) {
        MarkdownStream stream = new MarkdownStream();
        int at = 0;
        for (int size : input.cuts()) {
            int end = Math.min(input.text().length(), at + size);
            stream.append(input.text().substring(at, end));
            at = end;
        }
        stream.append(input.text().substring(at));
        assertThat(stream.blocks()).isEqualTo(MarkdownStream.blocksOf(input.text()));
    }

    @Property(tries = 100)
    void fixturesCutAnywhereGiveTheSameBlocks(@ForAll("fixtureCuts") Chunked input) {
        randomChunkingGivesTheSameBlocks(input);
    }

    @Provide
    Arbitrary<Chunked> chunked() {
        Arbitrary<String> text = Arbitraries.of(PIECES).list().ofMaxSize(60).map(l -> String.join("", l));
        Arbitrary<List<Integer>> cuts = Arbitraries.integers().between(1, 12).list().ofMaxSize(80);
        return Combinators.combine(text, cuts).as(Chunked::new);
    }

    @Provide
    Arbitrary<Chunked> fixtureCuts() {
        Arbitrary<String> text = Arbitraries.of(Answers.NAMES).map(Answers::answer);
        Arbitrary<List<Integer>> cuts = Arbitraries.integers().between(1, 40).list().ofMinSize(50).ofMaxSize(400);
        return Combinators.combine(text, cuts).as(Chunked::new);
    }

    record Chunked(String text, List<Integer> cuts) {
    }
}

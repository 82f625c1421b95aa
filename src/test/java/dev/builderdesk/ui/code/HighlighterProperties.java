package dev.builderdesk.ui.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the text, every lexer returns spans that are in bounds, ordered and not overlapping. */
class HighlighterProperties {
    private static final List<String> LANGUAGES =
            List.of("ts", "tsx", "js", "jsx", "css", "html", "json", "bash", "diff", "md", "");

    @Property(tries = 400)
    void spansAreWellFormedForAnyText(@ForAll("codeLike") String code, @ForAll("languages") String language) {
        assertWellFormed(code, Highlighter.highlight(language, code));
    }

    @Property(tries = 300)
    void spansAreWellFormedForArbitraryUnicode(@ForAll String code, @ForAll("languages") String language) {
        assertWellFormed(code, Highlighter.highlight(language, code));
    }

    private static void assertWellFormed(String code, List<Span> spans) {
        int end = 0;
        for (Span span : spans) {
            assertThat(span.start()).isGreaterThanOrEqualTo(end);
            assertThat(span.end()).isGreaterThan(span.start()).isLessThanOrEqualTo(code.length());
            assertThat(span.styleClass()).startsWith("code-");
            end = span.end();
        }
    }

    @Provide
    Arbitrary<String> languages() {
        return Arbitraries.of(LANGUAGES);
    }

    /** Strings made of the characters lexers care about, so that their odd states are reached. */
    @Provide
    Arbitrary<String> codeLike() {
        return Arbitraries.strings()
                .withChars("<>/{}[]()\"'`$#@!:;=.,*-+_|&\\ \n\taAzZ09ex")
                .ofMinLength(0).ofMaxLength(200);
    }
}

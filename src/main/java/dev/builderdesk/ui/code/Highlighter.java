package dev.builderdesk.ui.code;

import java.util.List;

/**
 * Syntax highlighting as spans of CSS classes over a text. Pure and thread-safe. A language it does not know
 * (see {@link Languages}) gets no spans: the plain fallback.
 *
 * <p>Each language is a small hand-written lexer that reads the text once, left to right, without regular
 * expressions, so time is linear in the text's length whatever it contains (ADR 0008). The classes are
 * {@code code-keyword}, {@code code-string}, {@code code-comment}, {@code code-number}, {@code code-tag},
 * {@code code-attr}, {@code code-property}, {@code code-type}, {@code code-punct}, {@code code-variable},
 * {@code code-function}, {@code code-added}, {@code code-removed}, {@code code-hunk}, {@code code-meta} and
 * {@code code-heading}.
 */
public final class Highlighter {
    private Highlighter() {
    }

    /** The highlighted ranges of {@code code} in {@code language}, in order and not overlapping. */
    public static List<Span> highlight(String language, String code) {
        SpanSink.Lexer lexer = lexer(language);
        if (lexer == null || code.isEmpty()) {
            return List.of();
        }
        SpanSink out = new SpanSink(code.length());
        lexer.lex(code, out);
        return out.spans();
    }

    /** Whether {@code language} gets highlighted at all (otherwise it is shown plain). */
    public static boolean knows(String language) {
        return lexer(language) != null;
    }

    static SpanSink.Lexer lexer(String language) {
        return switch (language == null ? "" : language) {
            case "ts" -> (code, out) -> new ScriptLexer(code, out, false, true).run();
            case "tsx" -> (code, out) -> new ScriptLexer(code, out, true, true).run();
            case "js" -> (code, out) -> new ScriptLexer(code, out, false, false).run();
            case "jsx" -> (code, out) -> new ScriptLexer(code, out, true, false).run();
            case "css" -> (code, out) -> new CssLexer(code, out).run();
            case "html" -> (code, out) -> new HtmlLexer(code, out).run();
            case "json" -> (code, out) -> new JsonLexer(code, out).run();
            case "bash" -> (code, out) -> new BashLexer(code, out).run();
            case "diff" -> DiffLexer::lex;
            case "md" -> (code, out) -> new MarkdownLexer(code, out).run();
            default -> null;
        };
    }
}

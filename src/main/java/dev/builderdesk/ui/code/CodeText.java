package dev.builderdesk.ui.code;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.text.Text;

/**
 * Highlighted code as {@link Text} nodes, for any view that shows code (code blocks, a diff or file viewer). Every
 * node has the style class {@code code-text}, plus its span's class ({@code code-keyword}, ...) when it is not
 * plain; the stylesheet {@code code.css} gives them the code font and colours.
 */
public final class CodeText {
    /** The style class of every code Text node. */
    public static final String TEXT_CLASS = "code-text";

    private CodeText() {
    }

    /** A run of text with one style class ("" when plain). */
    public record Run(String text, String styleClass) {
    }

    /** The code cut into runs: the spans and the plain text between them, in order, covering all of it. */
    public static List<Run> runs(String code, List<Span> spans) {
        List<Run> runs = new ArrayList<>(spans.size() * 2 + 1);
        int at = 0;
        for (Span span : spans) {
            if (span.start() > at) {
                runs.add(new Run(code.substring(at, span.start()), ""));
            }
            runs.add(new Run(code.substring(span.start(), span.end()), span.styleClass()));
            at = span.end();
        }
        if (at < code.length()) {
            runs.add(new Run(code.substring(at), ""));
        }
        return runs;
    }

    /** The code of {@code language} as styled Text nodes whose texts, joined, are exactly {@code code}. */
    public static List<Text> nodes(String language, String code) {
        List<Text> nodes = new ArrayList<>();
        for (Run run : runs(code, Highlighter.highlight(language, code))) {
            nodes.add(node(run));
        }
        return nodes;
    }

    /**
     * The code's lines, each as its own Text nodes without the line break, so a caller can lay lines out in rows
     * and style each row (a diff view's added and removed lines, a gutter). Highlighting still sees the whole
     * code, so a comment spanning lines is a comment on each of them.
     */
    public static List<List<Text>> lines(String language, String code) {
        List<List<Text>> lines = new ArrayList<>();
        List<Text> line = new ArrayList<>();
        for (Run run : runs(code, Highlighter.highlight(language, code))) {
            String text = run.text();
            int from = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') {
                    if (i > from) {
                        line.add(node(new Run(text.substring(from, i), run.styleClass())));
                    }
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    lines.add(line);
                    line = new ArrayList<>();
                    from = i + 1;
                }
            }
            if (from < text.length()) {
                line.add(node(new Run(text.substring(from), run.styleClass())));
            }
        }
        lines.add(line);
        return lines;
    }

    /** One run as a Text node. */
    public static Text node(Run run) {
        Text text = new Text(run.text());
        text.getStyleClass().add(TEXT_CLASS);
        if (!run.styleClass().isEmpty()) {
            text.getStyleClass().add(run.styleClass());
        }
        return text;
    }
}

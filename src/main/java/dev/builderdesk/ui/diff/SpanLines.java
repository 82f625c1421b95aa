package dev.builderdesk.ui.diff;

import dev.builderdesk.ui.code.Highlighter;
import dev.builderdesk.ui.code.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Highlights several lines as one text (so that a comment or a string across lines is coloured as such) and hands
 * back each line's spans, with offsets from that line's start. Pure.
 */
public final class SpanLines {
    private SpanLines() {
    }

    /** The spans of each of {@code lines} in {@code language}; a language the highlighter does not know gives none. */
    public static List<List<Span>> highlight(String language, List<String> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        List<Span> spans = language == null || language.isEmpty() ? List.of()
                : Highlighter.highlight(language, String.join("\n", lines));
        return split(lines, spans);
    }

    /** Cuts spans over the lines joined with "\n" into spans per line; a span across a line end is cut in two. */
    public static List<List<Span>> split(List<String> lines, List<Span> spans) {
        List<List<Span>> out = new ArrayList<>(lines.size());
        int lineStart = 0;
        int s = 0;
        for (String line : lines) {
            int lineEnd = lineStart + line.length();
            List<Span> mine = new ArrayList<>();
            while (s < spans.size() && spans.get(s).end() <= lineStart) {
                s++;
            }
            for (int k = s; k < spans.size() && spans.get(k).start() < lineEnd; k++) {
                Span span = spans.get(k);
                int from = Math.max(span.start(), lineStart);
                int to = Math.min(span.end(), lineEnd);
                if (to > from) {
                    mine.add(new Span(from - lineStart, to - lineStart, span.styleClass()));
                }
            }
            out.add(mine.isEmpty() ? List.of() : mine);
            lineStart = lineEnd + 1;
        }
        return out;
    }
}

package dev.builderdesk.ui.diff;

import dev.builderdesk.ui.code.Span;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.text.Text;

/**
 * Turns a line and its highlight spans into {@link Text} nodes: each gets {@code code-text}, a span's segment also
 * the span's class, and plain segments {@code code-plain} (which alone carries the default colour, so the
 * highlighter's classes are never outranked). Tabs become spaces to the next stop.
 */
final class CodeNodes {
    private CodeNodes() {
    }

    static List<Text> render(String line, List<Span> spans) {
        List<Text> out = new ArrayList<>();
        int[] column = {0};
        int at = 0;
        for (Span span : spans) {
            int start = Math.max(at, Math.min(span.start(), line.length()));
            int end = Math.max(start, Math.min(span.end(), line.length()));
            if (start > at) {
                out.add(text(line.substring(at, start), null, column));
            }
            if (end > start) {
                out.add(text(line.substring(start, end), span.styleClass(), column));
            }
            at = end;
        }
        if (at < line.length() || out.isEmpty()) {
            out.add(text(line.substring(at), null, column));
        }
        return out;
    }

    private static Text text(String segment, String styleClass, int[] column) {
        StringBuilder b = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\t') {
                int pad = DiffRows.TAB - column[0] % DiffRows.TAB;
                b.append(" ".repeat(pad));
                column[0] += pad;
            } else {
                b.append(c);
                column[0]++;
            }
        }
        Text t = new Text(b.toString());
        t.getStyleClass().add("code-text");
        t.getStyleClass().add(styleClass == null ? "code-plain" : styleClass);
        return t;
    }
}

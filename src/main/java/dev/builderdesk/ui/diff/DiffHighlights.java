package dev.builderdesk.ui.diff;

import dev.builderdesk.ui.code.Languages;
import dev.builderdesk.ui.code.Span;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The highlight spans of diff lines, computed a hunk at a time when one of its lines is first shown: the old side
 * (context and removed lines) and the new side (context and added lines) are each highlighted as one text, so
 * constructs across lines come out right. Keyed by identity: rows hold the very line objects of their hunk.
 */
final class DiffHighlights {
    private final Map<UnifiedDiff.Hunk, Boolean> done = new IdentityHashMap<>();
    private final Map<UnifiedDiff.Line, List<Span>> spans = new IdentityHashMap<>();

    /** The spans of {@code line}, a line of {@code hunk} in {@code file}. */
    List<Span> of(DiffFile file, UnifiedDiff.Hunk hunk, UnifiedDiff.Line line) {
        if (done.putIfAbsent(hunk, Boolean.TRUE) == null) {
            String language = Languages.ofPath(file.path());
            side(language, hunk, UnifiedDiff.Kind.REMOVED);
            side(language, hunk, UnifiedDiff.Kind.ADDED);
        }
        return spans.getOrDefault(line, List.of());
    }

    private void side(String language, UnifiedDiff.Hunk hunk, UnifiedDiff.Kind kind) {
        List<UnifiedDiff.Line> lines = new ArrayList<>();
        for (UnifiedDiff.Line l : hunk.lines()) {
            if (l.kind() == kind || l.kind() == UnifiedDiff.Kind.CONTEXT) {
                lines.add(l);
            }
        }
        List<List<Span>> perLine = SpanLines.highlight(language, lines.stream().map(UnifiedDiff.Line::text).toList());
        for (int i = 0; i < lines.size(); i++) {
            // Context lines are coloured as the new side has them.
            if (lines.get(i).kind() == kind || kind == UnifiedDiff.Kind.ADDED) {
                spans.put(lines.get(i), perLine.get(i));
            }
        }
    }

    void clear() {
        done.clear();
        spans.clear();
    }
}

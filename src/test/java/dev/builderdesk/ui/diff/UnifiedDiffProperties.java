package dev.builderdesk.ui.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * For random old and new files, the unified diff java-diff-utils writes (as the server and the write-file preview
 * do) parses back into hunks whose line numbers point at the right lines, and applying them to the old lines gives
 * the new ones.
 */
class UnifiedDiffProperties {
    @Property(tries = 300)
    void parsedHunksReproduceTheNewFile(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 6) Integer> old,
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 6) Integer> edited) {
        List<String> before = old.stream().map(i -> "line " + i).toList();
        List<String> after = edited.stream().map(i -> "line " + i).toList();
        String text = ToolDiffs.unified("f.txt", join(before), join(after));

        List<UnifiedDiff.File> files = UnifiedDiff.parse(text).files();

        if (before.equals(after)) {
            assertThat(files).isEmpty();
            return;
        }
        assertThat(files).hasSize(1);
        UnifiedDiff.File file = files.get(0);
        for (UnifiedDiff.Hunk h : file.hunks()) {
            for (UnifiedDiff.Line l : h.lines()) {
                if (l.kind() != UnifiedDiff.Kind.ADDED) {
                    assertThat(before.get(l.oldLine() - 1)).isEqualTo(l.text());
                }
                if (l.kind() != UnifiedDiff.Kind.REMOVED) {
                    assertThat(after.get(l.newLine() - 1)).isEqualTo(l.text());
                }
            }
            for (UnifiedDiff.Row row : UnifiedDiff.sideBySide(h)) {
                assertThat(row.left() != null || row.right() != null).isTrue();
            }
        }
        assertThat(apply(before, file)).isEqualTo(after);
    }

    private static String join(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** Applies the hunks to the old lines, trusting only the parsed line numbers. */
    static List<String> apply(List<String> old, UnifiedDiff.File file) {
        List<String> out = new ArrayList<>();
        int cursor = 0;
        for (UnifiedDiff.Hunk h : file.hunks()) {
            int begin = h.lines().stream().filter(l -> l.oldLine() > 0).mapToInt(l -> l.oldLine() - 1).findFirst()
                    .orElse(h.oldCount() == 0 ? h.oldStart() : h.oldStart() - 1);
            begin = Math.min(begin, old.size());
            out.addAll(old.subList(cursor, begin));
            int consumed = 0;
            for (UnifiedDiff.Line l : h.lines()) {
                if (l.kind() != UnifiedDiff.Kind.REMOVED) {
                    out.add(l.text());
                }
                if (l.kind() != UnifiedDiff.Kind.ADDED) {
                    consumed++;
                }
            }
            cursor = begin + consumed;
        }
        out.addAll(old.subList(cursor, old.size()));
        return out;
    }
}

package dev.builderdesk.ui.diff;

/**
 * One row of the diff list: a file's header, a hunk's header, a note (binary file, rename without changes), a line
 * of the unified layout or a pair of lines of the side-by-side layout. Holds no nodes.
 */
public sealed interface DiffRow {
    /** The file this row belongs to. */
    DiffFile file();

    /** The first row of a file. */
    record FileHeader(DiffFile file) implements DiffRow {
    }

    /** A hunk's {@code @@ -a,b +c,d @@} line. */
    record HunkHeader(DiffFile file, UnifiedDiff.Hunk hunk) implements DiffRow {
    }

    /** A file that has no lines to show, and why. */
    record Note(DiffFile file, String text) implements DiffRow {
    }

    /** A line of the unified layout. */
    record Code(DiffFile file, UnifiedDiff.Hunk hunk, UnifiedDiff.Line line) implements DiffRow {
    }

    /** A row of the side-by-side layout; {@code left} (old) or {@code right} (new) is null where that side is blank. */
    record Split(DiffFile file, UnifiedDiff.Hunk hunk, UnifiedDiff.Line left, UnifiedDiff.Line right)
            implements DiffRow {
    }
}

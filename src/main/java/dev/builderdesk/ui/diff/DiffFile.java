package dev.builderdesk.ui.diff;

import dev.builderdesk.protocol.FileDiff;

/**
 * One changed file as the diff screens show it: its path, what happened to it, its counts and its parsed hunks.
 * Compared by identity (rows of a long diff refer to it, and list cells compare their items often).
 */
public final class DiffFile {
    private final String path;
    private final String oldPath;
    private final UnifiedDiff.Change change;
    private final int linesAdded;
    private final int linesRemoved;
    private final UnifiedDiff.File parsed;

    public DiffFile(String path, String oldPath, UnifiedDiff.Change change, int linesAdded, int linesRemoved,
            UnifiedDiff.File parsed) {
        this.path = path;
        this.oldPath = oldPath;
        this.change = change;
        this.linesAdded = linesAdded;
        this.linesRemoved = linesRemoved;
        this.parsed = parsed;
    }

    /** A file of the diff route, its {@code unified_diff} parsed. */
    public static DiffFile of(FileDiff f) {
        return new DiffFile(f.path(), f.oldPath(), UnifiedDiff.Change.of(f.change()), f.linesAdded(),
                f.linesRemoved(), UnifiedDiff.parseFile(f.path(), f.unifiedDiff()));
    }

    /** A file of a parsed patch, counted from its lines. */
    public static DiffFile of(UnifiedDiff.File f) {
        UnifiedDiff.Change change = f.change();
        return new DiffFile(f.path(), change == UnifiedDiff.Change.RENAMED ? f.oldPath() : null, change,
                f.linesAdded(), f.linesRemoved(), f);
    }

    public String path() {
        return path;
    }

    /** The path before a rename, else null. */
    public String oldPath() {
        return oldPath;
    }

    public UnifiedDiff.Change change() {
        return change;
    }

    public int linesAdded() {
        return linesAdded;
    }

    public int linesRemoved() {
        return linesRemoved;
    }

    public UnifiedDiff.File parsed() {
        return parsed;
    }

    @Override
    public String toString() {
        return change.letter() + " " + path + " +" + linesAdded + " \u2212" + linesRemoved;
    }
}

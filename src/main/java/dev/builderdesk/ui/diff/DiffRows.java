package dev.builderdesk.ui.diff;

import java.util.ArrayList;
import java.util.List;

/** Lays the files of a diff out as rows, unified or side by side. Pure. */
public final class DiffRows {
    private DiffRows() {
    }

    /** Every file's header, then its hunks: each header followed by its lines (unified) or line pairs (split). */
    public static List<DiffRow> of(List<DiffFile> files, boolean split) {
        List<DiffRow> rows = new ArrayList<>();
        for (DiffFile file : files) {
            rows.add(new DiffRow.FileHeader(file));
            addHunks(rows, file, split);
        }
        return rows;
    }

    /** One file's hunks without its header (the file viewer shows the path already). */
    public static List<DiffRow> ofFile(DiffFile file, boolean split) {
        List<DiffRow> rows = new ArrayList<>();
        addHunks(rows, file, split);
        return rows;
    }

    private static void addHunks(List<DiffRow> rows, DiffFile file, boolean split) {
        UnifiedDiff.File parsed = file.parsed();
        if (parsed.binary()) {
            rows.add(new DiffRow.Note(file, "Binary file not shown"));
            return;
        }
        if (parsed.hunks().isEmpty()) {
            rows.add(new DiffRow.Note(file, note(file)));
            return;
        }
        for (UnifiedDiff.Hunk hunk : parsed.hunks()) {
            rows.add(new DiffRow.HunkHeader(file, hunk));
            if (split) {
                for (UnifiedDiff.Row pair : UnifiedDiff.sideBySide(hunk)) {
                    rows.add(new DiffRow.Split(file, hunk, pair.left(), pair.right()));
                }
            } else {
                for (UnifiedDiff.Line line : hunk.lines()) {
                    rows.add(new DiffRow.Code(file, hunk, line));
                }
            }
        }
    }

    private static String note(DiffFile file) {
        return switch (file.change()) {
            case RENAMED -> "Renamed from " + file.oldPath() + " without changes";
            case DELETED -> "File deleted";
            case ADDED -> "Empty file added";
            case MODIFIED -> "No changes to show";
        };
    }

    /** The longest line of the rows in characters (tabs count as their display width), for the list's width. */
    public static int maxColumns(List<DiffRow> rows) {
        int max = 0;
        for (DiffRow row : rows) {
            switch (row) {
                case DiffRow.Code c -> max = Math.max(max, columns(c.line().text()));
                case DiffRow.Split s -> {
                    max = Math.max(max, s.left() == null ? 0 : columns(s.left().text()));
                    max = Math.max(max, s.right() == null ? 0 : columns(s.right().text()));
                }
                case DiffRow.HunkHeader h -> max = Math.max(max, h.hunk().header().length());
                default -> {
                }
            }
        }
        return max;
    }

    /** The display width of a line whose tabs are expanded to {@link #TAB} columns. */
    static int columns(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += text.charAt(i) == '\t' ? TAB - n % TAB : 1;
        }
        return n;
    }

    /** Tab stops of the code views. */
    static final int TAB = 4;

    /** The text with tabs expanded, so a monospace line measures what it shows. */
    static String expandTabs(String text) {
        if (text.indexOf('\t') < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                b.append(" ".repeat(TAB - b.length() % TAB));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}

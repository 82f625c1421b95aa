package dev.builderdesk.ui.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed patch text: files, their hunks and their lines with old and new line numbers. Reads what the server's
 * revision diffs produce ({@code --- a/x}, {@code +++ b/x}, {@code @@ -a,b +c,d @@}), git's extra headers, several
 * files in one text, a bare hunk without file headers, {@code \ No newline at end of file}, and the
 * {@code *** Begin Patch} format of the patch tool (whose hunks carry no line numbers). Parsing is lenient and never
 * throws: a line it cannot place is skipped, because this is for showing a patch, not for applying one. Pure.
 */
public record UnifiedDiff(List<File> files) {
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@ ?(.*)$");

    public UnifiedDiff {
        files = List.copyOf(files);
    }

    /** What a line of a hunk is. */
    public enum Kind { CONTEXT, ADDED, REMOVED }

    /** What happened to a file. */
    public enum Change {
        ADDED("A"), MODIFIED("M"), DELETED("D"), RENAMED("R");

        private final String letter;

        Change(String letter) {
            this.letter = letter;
        }

        /** A, M, D or R. */
        public String letter() {
            return letter;
        }

        /** The change named as the diff route names it ({@code added}, ...); unknown names are modified. */
        public static Change of(String name) {
            return switch (name == null ? "" : name) {
                case "added" -> ADDED;
                case "deleted" -> DELETED;
                case "renamed" -> RENAMED;
                default -> MODIFIED;
            };
        }
    }

    /**
     * One line of a hunk. {@code oldLine}/{@code newLine} are 1-based, and 0 where the line has no number on that
     * side (an added line has no old number) or where the patch gives none ({@code *** Begin Patch} hunks).
     * {@code noNewlineAtEnd} is set when the patch says {@code \ No newline at end of file} after it.
     */
    public record Line(Kind kind, String text, int oldLine, int newLine, boolean noNewlineAtEnd) {
        Line withNoNewline() {
            return new Line(kind, text, oldLine, newLine, true);
        }

        /** The line as it appears in a unified diff: its prefix and its text. */
        public String prefixed() {
            return switch (kind) {
                case CONTEXT -> " ";
                case ADDED -> "+";
                case REMOVED -> "-";
            } + text;
        }
    }

    /** A hunk: its header line as written ({@code @@ -1,3 +1,4 @@ function x}) and its lines. */
    public record Hunk(int oldStart, int oldCount, int newStart, int newCount, String header, List<Line> lines) {
        public Hunk {
            lines = List.copyOf(lines);
        }
    }

    /**
     * One file of a patch. {@code oldPath} is null for an added file and {@code newPath} null for a deleted one;
     * both are null for a bare hunk. {@code binary} is set for "Binary files differ".
     */
    public record File(String oldPath, String newPath, List<Hunk> hunks, boolean binary) {
        public File {
            hunks = List.copyOf(hunks);
        }

        /** The file's path: the new one, else the old one, else "". */
        public String path() {
            return newPath != null ? newPath : oldPath != null ? oldPath : "";
        }

        public Change change() {
            if (oldPath == null && newPath != null) {
                return Change.ADDED;
            }
            if (newPath == null && oldPath != null) {
                return Change.DELETED;
            }
            if (oldPath != null && !oldPath.equals(newPath)) {
                return Change.RENAMED;
            }
            return Change.MODIFIED;
        }

        public int linesAdded() {
            return count(Kind.ADDED);
        }

        public int linesRemoved() {
            return count(Kind.REMOVED);
        }

        /** All lines of all hunks. */
        public int lineCount() {
            return hunks.stream().mapToInt(h -> h.lines().size()).sum();
        }

        private int count(Kind kind) {
            int n = 0;
            for (Hunk h : hunks) {
                for (Line l : h.lines()) {
                    n += l.kind() == kind ? 1 : 0;
                }
            }
            return n;
        }
    }

    /**
     * One row of a side-by-side view: the old line on the left, the new line on the right. Either side is null
     * where that side has no line (the blank opposite an addition or a removal); a context line is on both.
     */
    public record Row(Line left, Line right) {
    }

    public int linesAdded() {
        return files.stream().mapToInt(File::linesAdded).sum();
    }

    public int linesRemoved() {
        return files.stream().mapToInt(File::linesRemoved).sum();
    }

    /**
     * Pairs a hunk's lines for a side-by-side view. Context lines sit on both sides. Within a change block (the
     * removed and added lines between two context lines) the i-th removed line faces the i-th added line, and the
     * shorter side is padded with blanks.
     */
    public static List<Row> sideBySide(Hunk hunk) {
        List<Row> rows = new ArrayList<>();
        List<Line> removed = new ArrayList<>();
        List<Line> added = new ArrayList<>();
        for (Line line : hunk.lines()) {
            switch (line.kind()) {
                case REMOVED -> removed.add(line);
                case ADDED -> added.add(line);
                case CONTEXT -> {
                    flush(rows, removed, added);
                    rows.add(new Row(line, line));
                }
                default -> throw new IllegalStateException();
            }
        }
        flush(rows, removed, added);
        return rows;
    }

    private static void flush(List<Row> rows, List<Line> removed, List<Line> added) {
        for (int i = 0; i < Math.max(removed.size(), added.size()); i++) {
            rows.add(new Row(i < removed.size() ? removed.get(i) : null, i < added.size() ? added.get(i) : null));
        }
        removed.clear();
        added.clear();
    }

    /** Parses a patch text; an empty or unreadable text gives no files. */
    public static UnifiedDiff parse(String text) {
        if (text == null || text.isBlank()) {
            return new UnifiedDiff(List.of());
        }
        String normal = text.replace("\r\n", "\n");
        List<String> lines = new ArrayList<>(List.of(normal.split("\n", -1)));
        if (normal.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        if (normal.stripLeading().startsWith("*** Begin Patch")) {
            return new UnifiedDiff(new EnvelopeParser(lines).parse());
        }
        return new UnifiedDiff(new Parser(lines).parse());
    }

    /** Parses one file's diff, the server's {@code unified_diff} of a file; its path stands in for missing headers. */
    public static File parseFile(String path, String unifiedDiff) {
        List<File> files = parse(unifiedDiff).files();
        if (files.isEmpty()) {
            return new File(path, path, List.of(), unifiedDiff != null && unifiedDiff.startsWith("Binary files"));
        }
        File f = files.get(0);
        if (f.oldPath() == null && f.newPath() == null) {
            return new File(path, path, f.hunks(), f.binary());
        }
        return f;
    }

    /** Reads the unified format, one line at a time. */
    private static final class Parser {
        private final List<String> lines;
        private final List<File> files = new ArrayList<>();
        private String oldPath;
        private String newPath;
        private boolean started;
        private boolean binary;
        private List<Hunk> hunks = new ArrayList<>();

        Parser(List<String> lines) {
            this.lines = lines;
        }

        List<File> parse() {
            int i = 0;
            while (i < lines.size()) {
                String line = lines.get(i);
                Matcher m = HUNK.matcher(line);
                if (m.matches()) {
                    started = true;
                    i = hunk(m, i + 1);
                    continue;
                }
                if (line.startsWith("diff --git ")) {
                    finish();
                    started = true;
                    String[] parts = line.substring(11).split(" ", 2);
                    oldPath = parts.length == 2 ? path(parts[0]) : null;
                    newPath = parts.length == 2 ? path(parts[1]) : null;
                } else if (line.startsWith("--- ") && i + 1 < lines.size() && lines.get(i + 1).startsWith("+++ ")) {
                    if (!hunks.isEmpty() || binary || !started) {
                        finish();
                    }
                    started = true;
                    oldPath = path(line.substring(4));
                    newPath = path(lines.get(i + 1).substring(4));
                    i++;
                } else if (line.startsWith("rename from ")) {
                    oldPath = line.substring(12).strip();
                } else if (line.startsWith("rename to ")) {
                    newPath = line.substring(10).strip();
                } else if (line.startsWith("new file mode")) {
                    oldPath = null;
                } else if (line.startsWith("deleted file mode")) {
                    newPath = null;
                } else if (line.startsWith("Binary files ") || line.startsWith("GIT binary patch")) {
                    started = true;
                    binary = true;
                }
                i++;
            }
            finish();
            return files;
        }

        /** Reads a hunk's body from line {@code i}; returns the index of the first line after it. */
        private int hunk(Matcher m, int from) {
            int oldStart = Integer.parseInt(m.group(1));
            int oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int newStart = Integer.parseInt(m.group(3));
            int newCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            List<Line> body = new ArrayList<>();
            int o = oldStart;
            int n = newStart;
            int seenOld = 0;
            int seenNew = 0;
            int i = from;
            while (i < lines.size()) {
                String l = lines.get(i);
                boolean wanted = seenOld < oldCount || seenNew < newCount;
                if (l.startsWith("\\")) {
                    if (!body.isEmpty()) {
                        body.set(body.size() - 1, body.get(body.size() - 1).withNoNewline());
                    }
                    i++;
                    continue;
                }
                if (!wanted || HUNK.matcher(l).matches() || l.startsWith("diff --git ")) {
                    break;
                }
                char kind = l.isEmpty() ? ' ' : l.charAt(0);
                String text = l.isEmpty() ? "" : l.substring(1);
                if (kind == ' ') {
                    body.add(new Line(Kind.CONTEXT, text, o++, n++, false));
                    seenOld++;
                    seenNew++;
                } else if (kind == '-') {
                    body.add(new Line(Kind.REMOVED, text, o++, 0, false));
                    seenOld++;
                } else if (kind == '+') {
                    body.add(new Line(Kind.ADDED, text, 0, n++, false));
                    seenNew++;
                } else {
                    break;
                }
                i++;
            }
            hunks.add(new Hunk(oldStart, oldCount, newStart, newCount, m.group(0), body));
            return i;
        }

        private void finish() {
            if (started) {
                files.add(new File(oldPath, newPath, hunks, binary));
            }
            oldPath = null;
            newPath = null;
            started = false;
            binary = false;
            hunks = new ArrayList<>();
        }

        /** A header path without its timestamp and its a/ or b/; null for /dev/null. */
        private static String path(String raw) {
            String p = raw.split("\t", 2)[0].strip();
            if (p.equals("/dev/null")) {
                return null;
            }
            if (p.length() > 1 && p.startsWith("\"") && p.endsWith("\"")) {
                p = p.substring(1, p.length() - 1);
            }
            return p.startsWith("a/") || p.startsWith("b/") ? p.substring(2) : p;
        }
    }

    /** Reads the {@code *** Begin Patch} format. */
    private static final class EnvelopeParser {
        private final List<String> lines;

        EnvelopeParser(List<String> lines) {
            this.lines = lines;
        }

        List<File> parse() {
            List<File> files = new ArrayList<>();
            int i = 0;
            while (i < lines.size() && !lines.get(i).strip().equals("*** Begin Patch")) {
                i++;
            }
            i++;
            while (i < lines.size() && !lines.get(i).strip().equals("*** End Patch")) {
                String line = lines.get(i);
                if (line.startsWith("*** Add File: ")) {
                    String path = line.substring(14).strip();
                    i++;
                    List<Line> body = new ArrayList<>();
                    while (i < lines.size() && lines.get(i).startsWith("+")) {
                        body.add(new Line(Kind.ADDED, lines.get(i).substring(1), 0, body.size() + 1, false));
                        i++;
                    }
                    List<Hunk> hunks = body.isEmpty() ? List.of()
                            : List.of(new Hunk(0, 0, 1, body.size(), "@@ -0,0 +1," + body.size() + " @@", body));
                    files.add(new File(null, path, hunks, false));
                } else if (line.startsWith("*** Delete File: ")) {
                    files.add(new File(line.substring(17).strip(), null, List.of(), false));
                    i++;
                } else if (line.startsWith("*** Update File: ")) {
                    String path = line.substring(17).strip();
                    i++;
                    String moveTo = path;
                    if (i < lines.size() && lines.get(i).startsWith("*** Move to: ")) {
                        moveTo = lines.get(i).substring(13).strip();
                        i++;
                    }
                    List<Hunk> hunks = new ArrayList<>();
                    while (i < lines.size() && !lines.get(i).startsWith("***")) {
                        String header = "@@";
                        if (lines.get(i).startsWith("@@")) {
                            header = lines.get(i).strip();
                            i++;
                        }
                        List<Line> body = new ArrayList<>();
                        while (i < lines.size() && !lines.get(i).startsWith("@@") && !lines.get(i).startsWith("***")) {
                            String l = lines.get(i);
                            char kind = l.isEmpty() ? ' ' : l.charAt(0);
                            String text = l.isEmpty() ? "" : l.substring(1);
                            switch (kind) {
                                case '+' -> body.add(new Line(Kind.ADDED, text, 0, 0, false));
                                case '-' -> body.add(new Line(Kind.REMOVED, text, 0, 0, false));
                                case ' ' -> body.add(new Line(Kind.CONTEXT, text, 0, 0, false));
                                default -> {
                                    // Not a hunk line (stray text): skipped.
                                }
                            }
                            i++;
                        }
                        if (!body.isEmpty()) {
                            hunks.add(new Hunk(0, 0, 0, 0, header, body));
                        }
                    }
                    files.add(new File(path, moveTo, hunks, false));
                } else {
                    i++;
                }
            }
            return files;
        }
    }
}

package dev.builderdesk.tools.patch;

import java.util.List;

/**
 * The change a patch makes to one file: add it, update it (optionally moving it to {@code newPath}), or delete it.
 */
public record FilePatch(Op op, String path, String newPath, List<Hunk> hunks) {
    /** What happens to the file. */
    public enum Op { ADD, UPDATE, DELETE }

    /**
     * One hunk. {@code oldStart} is the 1-based line the hunk claims to start at (null in the {@code *** Begin Patch}
     * format, which locates hunks by their context); {@code anchor} is the text after {@code @@}, if any.
     */
    public record Hunk(Integer oldStart, String anchor, List<Line> lines) {
        public List<String> oldLines() {
            return lines.stream().filter(l -> l.kind() != '+').map(Line::text).toList();
        }

        public List<String> newLines() {
            return lines.stream().filter(l -> l.kind() != '-').map(Line::text).toList();
        }
    }

    /** A hunk line: {@code ' '} context, {@code '-'} removed, {@code '+'} added. */
    public record Line(char kind, String text) {
    }
}

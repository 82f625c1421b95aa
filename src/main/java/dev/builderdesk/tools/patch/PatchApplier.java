package dev.builderdesk.tools.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies the hunks of one file patch to a file's text, in memory. A hunk is tried where its header says (shifted
 * by what earlier hunks added or removed), then at the nearest place where its old lines match exactly, as GNU
 * patch does; a hunk that matches nowhere is a failure with the window of lines the model should read again.
 */
public final class PatchApplier {
    /** Lines of context around a failed hunk that the model is asked to re-read. */
    static final int REFRESH_MARGIN = 12;

    private PatchApplier() {
    }

    /** Why a hunk did not apply, and which lines to re-read. */
    public record HunkFailure(int hunkIndex, int expectedStartLine, String reason, int refreshStart, int refreshEnd) {
    }

    /** The new text, or the failures; {@code linesAdded}/{@code linesRemoved} count the applied change. */
    public record Result(String text, List<HunkFailure> failures, int linesAdded, int linesRemoved) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    public static Result apply(String original, List<FilePatch.Hunk> hunks) {
        String eol = original.contains("\r\n") ? "\r\n" : "\n";
        boolean finalNewline = original.isEmpty() || original.endsWith("\n");
        List<String> lines = new ArrayList<>(splitLines(original));
        List<HunkFailure> failures = new ArrayList<>();
        int offset = 0;
        int searchFrom = 0;
        int added = 0;
        int removed = 0;
        for (int h = 0; h < hunks.size(); h++) {
            FilePatch.Hunk hunk = hunks.get(h);
            List<String> oldLines = hunk.oldLines();
            List<String> newLines = hunk.newLines();
            int claimed = hunk.oldStart() == null ? -1 : Math.max(0, hunk.oldStart() - 1 + (oldLines.isEmpty()
                    && hunk.oldStart() > 0 ? 1 : 0));
            Optional<Integer> at = locate(lines, oldLines, claimed < 0 ? -1 : claimed + offset,
                    anchorStart(lines, hunk.anchor(), searchFrom));
            if (at.isEmpty()) {
                int start = hunk.oldStart() != null ? hunk.oldStart() : Math.max(1, searchFrom + 1);
                String reason = hunk.oldStart() != null && hunk.oldStart() - 1 > lines.size() ? "invalid_hunk_offset"
                        : "context_mismatch";
                failures.add(new HunkFailure(h, start, reason, Math.max(1, start - REFRESH_MARGIN),
                        start + Math.max(oldLines.size(), 1) + REFRESH_MARGIN));
                continue;
            }
            int index = at.get();
            for (int k = 0; k < oldLines.size(); k++) {
                lines.remove(index);
            }
            lines.addAll(index, newLines);
            offset += newLines.size() - oldLines.size();
            searchFrom = index + newLines.size();
            added += (int) hunk.lines().stream().filter(l -> l.kind() == '+').count();
            removed += (int) hunk.lines().stream().filter(l -> l.kind() == '-').count();
        }
        if (!failures.isEmpty()) {
            return new Result(null, failures, 0, 0);
        }
        String text = String.join(eol, lines);
        if (!lines.isEmpty() && finalNewline) {
            text += eol;
        }
        return new Result(text, List.of(), added, removed);
    }

    /**
     * Where {@code oldLines} match: at {@code preferred} if they do there, else the nearest exact match at or after
     * {@code floor} (hunks keep their order). Blank-insensitive at line ends: trailing spaces and CRs are ignored.
     */
    private static Optional<Integer> locate(List<String> lines, List<String> oldLines, int preferred, int floor) {
        if (oldLines.isEmpty()) {
            int pos = preferred >= 0 ? Math.min(preferred, lines.size()) : lines.size();
            return Optional.of(pos);
        }
        if (preferred >= 0 && matchesAt(lines, oldLines, preferred)) {
            return Optional.of(preferred);
        }
        int center = preferred >= 0 ? preferred : floor;
        int last = lines.size() - oldLines.size();
        for (int distance = 0; distance <= lines.size(); distance++) {
            int after = center + distance;
            if (after >= floor && after <= last && matchesAt(lines, oldLines, after)) {
                return Optional.of(after);
            }
            int before = center - distance;
            if (distance > 0 && before >= floor && before <= last && matchesAt(lines, oldLines, before)) {
                return Optional.of(before);
            }
        }
        return Optional.empty();
    }

    /** Where to start looking for a context-located hunk: after the line that equals its {@code @@} anchor. */
    private static int anchorStart(List<String> lines, String anchor, int from) {
        if (anchor == null || anchor.isBlank()) {
            return from;
        }
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(anchor.strip())) {
                return i;
            }
        }
        return from;
    }

    private static boolean matchesAt(List<String> lines, List<String> oldLines, int at) {
        if (at < 0 || at + oldLines.size() > lines.size()) {
            return false;
        }
        for (int i = 0; i < oldLines.size(); i++) {
            if (!lines.get(at + i).stripTrailing().equals(oldLines.get(i).stripTrailing())) {
                return false;
            }
        }
        return true;
    }

    /** Lines without their terminators; a final terminator does not make an extra empty line. */
    static List<String> splitLines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String[] parts = text.split("\r?\n", -1);
        int count = text.endsWith("\n") ? parts.length - 1 : parts.length;
        return List.of(parts).subList(0, count);
    }
}

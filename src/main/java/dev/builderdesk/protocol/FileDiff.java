package dev.builderdesk.protocol;

/** The change of one file between two revisions; {@code change} is added, modified, deleted or renamed. */
public record FileDiff(
        String path,
        String change,
        String oldPath,
        String unifiedDiff,
        int linesAdded,
        int linesRemoved) {
}

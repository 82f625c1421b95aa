package dev.builderdesk.protocol;

import java.time.Instant;

/** An immutable snapshot of an app's files, as reported by builder state and restores. */
public record RevisionSummary(
        String id,
        String entryFile,
        int fileCount,
        Instant createdAt,
        String sourceRevisionId,
        String source) {
}

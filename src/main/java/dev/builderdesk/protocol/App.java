package dev.builderdesk.protocol;

import java.time.Instant;

/** An app the agent edits. {@code workspacePath} is the local folder of a folder-backed app, else null. */
public record App(
        String id,
        String tenantId,
        String name,
        String workspacePath,
        String currentDraftRevisionId,
        Instant createdAt) {
}

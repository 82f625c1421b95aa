package dev.builderdesk.protocol;

import java.time.Instant;

/**
 * An app the agent edits. {@code workspacePath} is the local folder of a folder-backed app, else null; {@code verify}
 * the command that checks comparison attempts (ours), or null.
 */
public record App(
        String id,
        String tenantId,
        String name,
        String workspacePath,
        String currentDraftRevisionId,
        Instant createdAt,
        VerifyCommand verify) {

    /** The same app with {@code revisionId} as its draft. */
    public App withDraft(String revisionId) {
        return new App(id, tenantId, name, workspacePath, revisionId, createdAt, verify);
    }

    /** The same app with another verify command (null: none). */
    public App withVerify(VerifyCommand command) {
        return new App(id, tenantId, name, workspacePath, currentDraftRevisionId, createdAt, command);
    }
}

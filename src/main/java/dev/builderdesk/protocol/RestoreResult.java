package dev.builderdesk.protocol;

/** Response of a checkpoint restore: the new draft revision made from the checkpoint's files. */
public record RestoreResult(String checkpointId, RevisionSummary revision, String runId) {
}

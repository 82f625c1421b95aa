package dev.builderdesk.protocol;

import java.time.Instant;

/** A restorable point: the revision a run produced. */
public record Checkpoint(String checkpointId, String runId, String appId, String revisionId, Instant createdAt) {
}

package dev.builderdesk.protocol;

/** Body of a checkpoint restore; {@code runId} optionally names the run whose result this becomes. */
public record RestoreRequest(String runId) {
}

package dev.builderdesk.protocol;

/** Response of {@code GET /admin/apps/{app_id}/builder/state}: the app and its current draft revision. */
public record BuilderState(App app, RevisionSummary currentDraftRevision) {
}

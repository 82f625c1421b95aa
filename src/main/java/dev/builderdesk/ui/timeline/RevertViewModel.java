package dev.builderdesk.ui.timeline;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.FileDiff;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.ui.fx.Failures;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * "Revert to this point", made safe: first the confirmation, naming what will be undone (the files the draft
 * changed since the run's checkpoint); then the restore, a marker row in the timeline, and Undo — back to the draft
 * that was current, which the server keeps as a revision, so the later files return byte for byte.
 */
public final class RevertViewModel {
    /** A revert waiting for the user's yes: the run, the draft it replaces and the files it undoes. */
    public record Plan(String appId, Run run, String draftRevisionId, List<FileDiff> undone) {
        /** "src/App.tsx, index.html and 3 more". */
        public String files() {
            List<String> names = undone.stream().map(FileDiff::path).toList();
            if (names.size() <= 4) {
                return String.join(", ", names);
            }
            return String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
        }
    }

    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final TimelineViewModel timeline;
    private final ReadOnlyObjectWrapper<Plan> pending = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private Runnable draftChanged = () -> { };
    private int reverts;
    private String timelineApp;

    public RevertViewModel(RunApiClient client, Executor ui, Executor io, TimelineViewModel timeline) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        this.timeline = timeline;
        timeline.onUndoRevert(this::undo);
    }

    /** The revert the confirmation asks about; null when none. */
    public ReadOnlyObjectProperty<Plan> pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    /** Why the last revert or undo failed; empty when it did not. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Told after the draft changed (the composer, the file tree and the inspector reload). */
    public void onDraftChanged(Runnable action) {
        this.draftChanged = action;
    }

    /** Asks to revert to how {@code run} left the app: reads what that would undo, then asks for confirmation. */
    public CompletableFuture<Void> ask(String appId, Run run) {
        message.set("");
        return CompletableFuture.supplyAsync(() -> {
            String draft = client.builderState(appId).currentDraftRevision().id();
            List<FileDiff> undone = draft.equals(run.checkpointRevisionId()) ? List.of()
                    : client.diff(appId, run.checkpointRevisionId(), draft).files();
            return new Plan(appId, run, draft, undone);
        }, io).handleAsync((plan, failure) -> {
            if (failure != null) {
                message.set("Could not read what the revert would undo: " + Failures.message(failure));
            } else {
                pending.set(plan);
            }
            return null;
        }, ui);
    }

    public void cancel() {
        pending.set(null);
    }

    /** The user said yes: restore the run's checkpoint and mark the timeline. */
    public CompletableFuture<Void> confirm() {
        Plan plan = pending.get();
        if (plan == null) {
            return CompletableFuture.completedFuture(null);
        }
        pending.set(null);
        return CompletableFuture.runAsync(() -> client.restoreCheckpoint(plan.appId(),
                plan.run().checkpointRevisionId(), plan.run().runId()), io).handleAsync((v, failure) -> {
                    if (failure != null) {
                        message.set("The revert failed: " + Failures.message(failure));
                        return null;
                    }
                    String what = plan.undone().isEmpty() ? "nothing had changed since"
                            : "undid " + plan.undone().size() + (plan.undone().size() == 1 ? " file: " : " files: ")
                                    + plan.files();
                    timeline.marker(new TimelineItem.RevertMarker("r" + (++reverts) + "-" + plan.draftRevisionId(),
                            "↺ Reverted to the end of “" + title(plan.run()) + "” · " + what,
                            plan.undone().isEmpty() ? null : plan.draftRevisionId(), false));
                    draftChanged.run();
                    return null;
                }, ui);
    }

    /** Undo on a marker: the draft that was current before the revert comes back. */
    CompletableFuture<Void> undo(TimelineItem.RevertMarker marker) {
        if (marker.undoCheckpointId() == null || marker.undone()) {
            return CompletableFuture.completedFuture(null);
        }
        String app = timelineApp;
        return CompletableFuture.runAsync(() -> client.restoreCheckpoint(app, marker.undoCheckpointId(), null), io)
                .handleAsync((v, failure) -> {
                    if (failure != null) {
                        message.set("Undo failed: " + Failures.message(failure));
                        return null;
                    }
                    timeline.marker(new TimelineItem.RevertMarker(marker.id(), marker.text() + " · undone", null,
                            true));
                    draftChanged.run();
                    return null;
                }, ui);
    }

    /** The app whose draft Undo restores (the shown one). */
    public void setApp(String appId) {
        this.timelineApp = appId;
    }

    private static String title(Run run) {
        String input = run.input() == null ? "this run" : run.input().strip().replaceAll("\\s+", " ");
        return input.length() > 48 ? input.substring(0, 47) + "…" : input;
    }
}

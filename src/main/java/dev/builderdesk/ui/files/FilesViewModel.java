package dev.builderdesk.ui.files;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.FileDiff;
import dev.builderdesk.protocol.FileEntry;
import dev.builderdesk.protocol.RevisionDiff;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The left rail's file tree: the files of the app's current draft, with the files the last run changed marked
 * A (added), M (modified) or D (deleted) until the next run or another app.
 */
public final class FilesViewModel {
    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final ObservableList<FileTree.Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("FILES");
    private Map<String, String> changes = Map.of();
    private RevisionDiff lastRun;
    private String revisionId;
    private Consumer<String> opened = path -> { };

    public FilesViewModel(RunApiClient client, Executor ui, Executor io) {
        this.client = client;
        this.ui = ui;
        this.io = io;
    }

    public ObservableList<FileTree.Row> rows() {
        return rows;
    }

    /** "FILES · draft 3f2a9c": which revision the tree shows. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The changes of the run whose marks are shown; null when none are. */
    public RevisionDiff lastRunDiff() {
        return lastRun;
    }

    /** The draft revision the tree shows. */
    public String revisionId() {
        return revisionId;
    }

    /** Told with a file's path when the user opens it. */
    public void onOpen(Consumer<String> action) {
        this.opened = action;
    }

    /** The user opened a row: a file opens read-only; a folder does nothing. */
    public void open(FileTree.Row row) {
        if (row != null && !row.folder()) {
            opened.accept(row.path());
        }
    }

    /** Shows the app's current draft with no marks (another app, or a revert). */
    public CompletableFuture<Void> load(String appId) {
        changes = Map.of();
        lastRun = null;
        return refresh(appId);
    }

    /** Shows the draft after a run, marking what the run changed between its base and its result. */
    public CompletableFuture<Void> showRunChanges(String appId, String baseRevisionId, String resultRevisionId) {
        return CompletableFuture.supplyAsync(() -> client.diff(appId, baseRevisionId, resultRevisionId), io)
                .thenAcceptAsync(diff -> {
                    Map<String, String> marks = new HashMap<>();
                    for (FileDiff f : diff.files()) {
                        marks.put(f.path(), switch (f.change()) {
                            case "added" -> "A";
                            case "deleted" -> "D";
                            case "renamed" -> "R";
                            default -> "M";
                        });
                    }
                    changes = marks;
                    lastRun = diff;
                }, ui).thenCompose(v -> refresh(appId));
    }

    private CompletableFuture<Void> refresh(String appId) {
        if (appId == null) {
            rows.clear();
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() -> client.files(appId, null), io).handleAsync((list, failure) -> {
            if (failure == null) {
                List<String> paths = list.files().stream().map(FileEntry::path).toList();
                rows.setAll(FileTree.rows(paths, changes));
                revisionId = list.revisionId();
                title.set("FILES · draft " + list.revisionId().substring(0, Math.min(6, list.revisionId().length())));
            }
            return null;
        }, ui);
    }
}

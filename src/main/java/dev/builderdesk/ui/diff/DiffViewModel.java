package dev.builderdesk.ui.diff;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.RevisionDiff;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The diff screen's state: the changed files of a revision diff (loaded from the server) or of a patch text, the
 * rows of the chosen layout, the selected file, the "N files changed +a −b" summary, and loading and error.
 */
public final class DiffViewModel {
    /** How lines are laid out. */
    public enum Layout { UNIFIED, SPLIT }

    private final RunApiClient client;
    private final LoadState state;
    private final ObservableList<DiffFile> files = FXCollections.observableArrayList();
    private final ObservableList<DiffRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Layout> layout = new SimpleObjectProperty<>(Layout.UNIFIED);
    private final ObjectProperty<DiffFile> selectedFile = new SimpleObjectProperty<>();
    private final StringProperty title = new SimpleStringProperty("Changes");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper maxColumns = new ReadOnlyIntegerWrapper();

    public DiffViewModel(RunApiClient client, Executor ui, Executor io) {
        this.client = client;
        this.state = new LoadState(ui, io);
        layout.subscribe(l -> relayout());
    }

    /** A diff screen of a patch text (a tool call's), with no server behind it. */
    public static DiffViewModel ofPatch(String unifiedDiff) {
        return of(UnifiedDiff.parse(unifiedDiff));
    }

    /** A diff screen of one file's diff text; {@code path} stands in where the text has no file headers. */
    public static DiffViewModel ofPatch(String path, String unifiedDiff) {
        return of(new UnifiedDiff(List.of(UnifiedDiff.parseFile(path, unifiedDiff))));
    }

    /** A diff screen of a parsed patch, with no server behind it. */
    public static DiffViewModel of(UnifiedDiff diff) {
        DiffViewModel model = new DiffViewModel(null, Runnable::run, Runnable::run);
        model.showFiles(diff.files().stream().map(DiffFile::of).toList());
        return model;
    }

    /** Loads the diff between two revisions of an app on io and shows it; a later load supersedes this one. */
    public CompletableFuture<Void> load(String appId, String fromRevisionId, String toRevisionId) {
        return state.load("Loading the changes\u2026", () -> client.diff(appId, fromRevisionId, toRevisionId),
                this::show, () -> showFiles(List.of()), "Could not load the changes");
    }

    /** Shows a diff the caller already has (on the ui thread). */
    public void show(RevisionDiff diff) {
        showFiles(diff.files().stream().map(DiffFile::of).toList());
    }

    private void showFiles(List<DiffFile> list) {
        files.setAll(list);
        int plus = list.stream().mapToInt(DiffFile::linesAdded).sum();
        int minus = list.stream().mapToInt(DiffFile::linesRemoved).sum();
        summary.set(list.size() + (list.size() == 1 ? " file changed" : " files changed") + " +" + plus + " \u2212"
                + minus);
        selectedFile.set(list.isEmpty() ? null : list.get(0));
        state.say(list.isEmpty() ? "No files changed" : "");
        relayout();
    }

    private void relayout() {
        List<DiffRow> laid = DiffRows.of(files, layout.get() == Layout.SPLIT);
        maxColumns.set(DiffRows.maxColumns(laid));
        rows.setAll(laid);
    }

    public ObservableList<DiffFile> files() {
        return FXCollections.unmodifiableObservableList(files);
    }

    /** The rows of every file in the current layout. */
    public ObservableList<DiffRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** The index of a file's header row in {@link #rows()}, or -1. */
    public int rowOf(DiffFile file) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) instanceof DiffRow.FileHeader h && h.file() == file) {
                return i;
            }
        }
        return -1;
    }

    public ObjectProperty<Layout> layoutProperty() {
        return layout;
    }

    /** The file the list highlights and the lines scroll to. */
    public ObjectProperty<DiffFile> selectedFileProperty() {
        return selectedFile;
    }

    /** The screen's title ("Changes" unless the host names the run). */
    public StringProperty titleProperty() {
        return title;
    }

    /** "N files changed +a −b". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return state.loadingProperty();
    }

    /** The short message of a failed load, or "". */
    public ReadOnlyStringProperty errorProperty() {
        return state.errorProperty();
    }

    /** What the screen says instead of lines: loading, the error, "No files changed"; else "". */
    public ReadOnlyStringProperty messageProperty() {
        return state.messageProperty();
    }

    /** The longest line of the rows in characters, so the list can be as wide as its widest line. */
    public ReadOnlyIntegerProperty maxColumnsProperty() {
        return maxColumns.getReadOnlyProperty();
    }
}

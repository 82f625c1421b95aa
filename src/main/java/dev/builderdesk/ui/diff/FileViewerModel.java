package dev.builderdesk.ui.diff;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.FileContent;
import dev.builderdesk.protocol.FileDiff;
import dev.builderdesk.protocol.RevisionDiff;
import dev.builderdesk.ui.code.Languages;
import dev.builderdesk.ui.code.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The read-only file viewer's state: one file of a revision, its lines highlighted (on io), which of them the last
 * run added or changed, and that run's diff of the file for the "Changes from the last run" toggle. Loading, error
 * and a message for files it does not show (binary) are kept by {@link LoadState}, as in {@link DiffViewModel}.
 */
public final class FileViewerModel {
    /** One line of the file: its 1-based number, its text and spans, and whether the last run added or changed it. */
    public record CodeLine(int number, String text, List<Span> spans, boolean changed) {
    }

    private record Loaded(FileContent content, List<CodeLine> lines, int maxColumns) {
    }

    private final RunApiClient client;
    private final LoadState state;
    private final ObservableList<CodeLine> lines = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper path = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper language = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<DiffFile> changes = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper hasChanges = new ReadOnlyBooleanWrapper();
    private final BooleanProperty showChanges = new SimpleBooleanProperty();
    private final ReadOnlyIntegerWrapper maxColumns = new ReadOnlyIntegerWrapper();

    public FileViewerModel(RunApiClient client, Executor ui, Executor io) {
        this.client = client;
        this.state = new LoadState(ui, io);
        hasChanges.bind(changes.isNotNull());
        hasChanges.subscribe(has -> {
            if (!has) {
                showChanges.set(false);
            }
        });
    }

    /**
     * Opens {@code path} of revision {@code revisionId} (null = the draft). {@code lastRun} is the diff of the last
     * run (its base to its result), or null: when it changed this file, the toggle offers that change.
     */
    public CompletableFuture<Void> open(String appId, String filePath, String revisionId, RevisionDiff lastRun) {
        path.set(filePath);
        language.set(Languages.ofPath(filePath));
        FileDiff change = lastRun == null ? null : lastRun.files().stream()
                .filter(f -> f.path().equals(filePath)).findFirst().orElse(null);
        DiffFile diffFile = change == null ? null : DiffFile.of(change);
        changes.set(diffFile);
        showChanges.set(false);
        lines.clear();
        String lang = language.get();
        return state.load("Loading " + filePath + "\u2026", () -> read(appId, filePath, revisionId, lang, diffFile),
                this::show, () -> { }, "Could not open " + filePath);
    }

    private void show(Loaded loaded) {
        if (!"utf-8".equalsIgnoreCase(loaded.content().encoding()) && loaded.content().encoding() != null) {
            state.say("Binary file, not shown");
        } else {
            maxColumns.set(loaded.maxColumns());
            lines.setAll(loaded.lines());
            state.say(loaded.lines().isEmpty() ? "Empty file" : "");
        }
    }

    private Loaded read(String appId, String filePath, String revisionId, String lang, DiffFile diffFile) {
        FileContent content = client.fileContent(appId, filePath, revisionId);
        if (content.encoding() != null && !"utf-8".equalsIgnoreCase(content.encoding())) {
            return new Loaded(content, List.of(), 0);
        }
        List<String> text = ToolDiffs.lines(content.content() == null ? "" : content.content());
        List<List<Span>> spans = SpanLines.highlight(lang, text);
        Set<Integer> changed = changedLines(diffFile);
        List<CodeLine> out = new ArrayList<>(text.size());
        int widest = 0;
        for (int i = 0; i < text.size(); i++) {
            out.add(new CodeLine(i + 1, text.get(i), spans.get(i), changed.contains(i + 1)));
            widest = Math.max(widest, DiffRows.columns(text.get(i)));
        }
        return new Loaded(content, out, widest);
    }

    /** The new-side numbers of the lines a file's diff adds. */
    static Set<Integer> changedLines(DiffFile file) {
        Set<Integer> out = new HashSet<>();
        if (file != null) {
            for (UnifiedDiff.Hunk h : file.parsed().hunks()) {
                for (UnifiedDiff.Line l : h.lines()) {
                    if (l.kind() == UnifiedDiff.Kind.ADDED && l.newLine() > 0) {
                        out.add(l.newLine());
                    }
                }
            }
        }
        return out;
    }

    public ObservableList<CodeLine> lines() {
        return FXCollections.unmodifiableObservableList(lines);
    }

    public ReadOnlyStringProperty pathProperty() {
        return path.getReadOnlyProperty();
    }

    /** The highlighting language of the file ("" = plain). */
    public ReadOnlyStringProperty languageProperty() {
        return language.getReadOnlyProperty();
    }

    /** The last run's change of this file, or null when the run did not change it. */
    public ReadOnlyObjectProperty<DiffFile> changesProperty() {
        return changes.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasChangesProperty() {
        return hasChanges.getReadOnlyProperty();
    }

    /** Shows the last run's diff of the file instead of its content; only possible when there is one. */
    public BooleanProperty showChangesProperty() {
        return showChanges;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return state.loadingProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return state.errorProperty();
    }

    /** What the viewer says instead of lines (loading, the error, binary, empty), else "". */
    public ReadOnlyStringProperty messageProperty() {
        return state.messageProperty();
    }

    public ReadOnlyIntegerProperty maxColumnsProperty() {
        return maxColumns.getReadOnlyProperty();
    }
}

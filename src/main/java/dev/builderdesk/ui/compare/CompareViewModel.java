package dev.builderdesk.ui.compare;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.compare.CompareImport;
import dev.builderdesk.compare.CompareTable;
import dev.builderdesk.protocol.CompareGroup;
import dev.builderdesk.protocol.CreateComparisonRequest;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.protocol.Verdict;
import dev.builderdesk.protocol.VerifyCommand;
import dev.builderdesk.ui.fx.Failures;
import dev.builderdesk.ui.picker.ModelChoice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A comparison session: its setup (one prompt, 2–6 attempts picked from the active models — Auto and repeats
 * allowed — and blind mode), then one column per attempt streaming side by side, the metrics table that fills in as
 * attempts end, Stop per column, Apply (with its confirmation, a warning when the draft moved since the comparison
 * started, and Undo), Continue with an attempt's model, and the verdict. While a blind comparison has no verdict,
 * nothing this model exposes names a model: the server masks the attempts, and the titles are the letters.
 */
public final class CompareViewModel implements AutoCloseable {
    /** What a comparison asks of the window around it. */
    public interface Host {
        /** Opens the attempt's thread in the workspace with the attempt's model selected. */
        void continueWith(String appId, Run attempt);

        /** The draft changed (Apply or Undo): the composer, the files and the inspector reload. */
        void draftChanged();

        /** A comparison was created or judged: the rail's list reloads. */
        void comparisonsChanged();

        /** Settings → App, where the app's verify command is set. */
        void openAppSettings();
    }

    /** An Apply waiting for the user's yes; {@code draftMoved} when the draft is no longer the comparison's base. */
    public record ApplyPlan(AttemptColumn column, String draftRevisionId, boolean draftMoved) {
    }

    /** The last Apply, for Undo: the draft that was current before it. */
    public record Applied(String title, String previousDraftId) {
    }

    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final Host host;
    private final Function<String, String> modelName;
    private final StringProperty prompt = new SimpleStringProperty("");
    private final BooleanProperty blind = new SimpleBooleanProperty();
    private final ObservableList<ModelChoice> picks = FXCollections.observableArrayList();
    private final ObservableList<ModelChoice> available = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<CompareGroup> group = new ReadOnlyObjectWrapper<>();
    private final ObservableList<AttemptColumn> columns = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<CompareTable> table = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty differencesOnly = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper hidden = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ApplyPlan> pendingApply = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Applied> applied = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<String> choice = new SimpleObjectProperty<>();
    private final StringProperty notes = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper imported = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<VerifySetting> verify = new ReadOnlyObjectWrapper<>(VerifySetting.UNKNOWN);
    private final BooleanBinding canStart = Bindings.createBooleanBinding(() -> !starting.get()
            && group.get() == null && !prompt.get().isBlank() && picks.size() >= 2 && picks.size() <= 6, starting,
            group, prompt, picks);
    /** A verdict once every attempt ended, and only once for a blind comparison (saving it shows the names). */
    private final BooleanBinding canSaveVerdict = Bindings.createBooleanBinding(() -> group.get() != null
            && choice.get() != null && !imported.get() && !(group.get().blind() && group.get().verdict() != null)
            && group.get().runs().stream().allMatch(CompareViewModel::ended), group, choice, imported);
    private String appId;
    private int generation;
    /** Reads of the group sent, and the newest one shown: an older answer arriving late is not shown over it. */
    private long refreshesSent;
    private long refreshShown;
    /** Reads of the app's verify command sent (a change made in Settings counts as one). */
    private long verifyReads;

    public CompareViewModel(RunApiClient client, Executor ui, Executor io, Host host,
            Function<String, String> modelName) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        this.host = host;
        this.modelName = modelName;
    }

    /** The prompt every attempt answers. */
    public StringProperty promptProperty() {
        return prompt;
    }

    /** Blind mode: the columns are "Model A/B/…" in a shuffled order until the verdict is saved. */
    public BooleanProperty blindProperty() {
        return blind;
    }

    /** The attempts to start, in the order picked (a model may be picked more than once; Auto is allowed). */
    public ObservableList<ModelChoice> picks() {
        return picks;
    }

    /** What can be picked: Auto, then the active chat models. */
    public ObservableList<ModelChoice> available() {
        return available;
    }

    /** Whether Start can start: a prompt, 2–6 attempts, not started yet. */
    public BooleanBinding canStartProperty() {
        return canStart;
    }

    /** The comparison shown; null during the setup. */
    public ReadOnlyObjectProperty<CompareGroup> groupProperty() {
        return group.getReadOnlyProperty();
    }

    /** One column per attempt, in letter order. */
    public ObservableList<AttemptColumn> columns() {
        return columns;
    }

    /** The metrics table, as of the last read of the comparison (or of an imported export). */
    public ReadOnlyObjectProperty<CompareTable> tableProperty() {
        return table.getReadOnlyProperty();
    }

    /** The table shows only the rows whose values differ between attempts. */
    public BooleanProperty differencesOnlyProperty() {
        return differencesOnly;
    }

    /** Whether blind mode hides the models now (a blind comparison without its verdict). */
    public ReadOnlyBooleanProperty hiddenProperty() {
        return hidden.getReadOnlyProperty();
    }

    /** The app's verify command as the setup shows it: unknown until read, then set or not. */
    public ReadOnlyObjectProperty<VerifySetting> verifyProperty() {
        return verify.getReadOnlyProperty();
    }

    /** Settings → App, to set the verify command the attempts will run. */
    public void openVerifySettings() {
        host.openAppSettings();
    }

    /** The app's verify command changed in Settings: the setup says so at once. */
    public void verifyChanged(String app, VerifyCommand command) {
        if (app.equals(appId)) {
            // A read sent before this change would show the command as it was.
            verifyReads++;
            verify.set(VerifySetting.of(command));
        }
    }

    /** Whether the table shown came from an imported export (it has no columns to stream, apply or judge). */
    public ReadOnlyBooleanProperty importedProperty() {
        return imported.getReadOnlyProperty();
    }

    /** What went wrong last, in plain words; empty when nothing did. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ApplyPlan> pendingApplyProperty() {
        return pendingApply.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Applied> appliedProperty() {
        return applied.getReadOnlyProperty();
    }

    /** The verdict being made: a run id (its attempt won), {@link Verdict#TIE} or {@link Verdict#ALL_BAD}. */
    public ObjectProperty<String> choiceProperty() {
        return choice;
    }

    public StringProperty notesProperty() {
        return notes;
    }

    /** Whether the verdict can be saved: a comparison is shown and an outcome is chosen. */
    public BooleanBinding canSaveVerdictProperty() {
        return canSaveVerdict;
    }

    /** The app the comparison belongs to. */
    public String appId() {
        return appId;
    }

    /**
     * A new comparison of {@code app}: the prompt from the composer, the models to pick from, and as a start the
     * model the composer has selected beside the next active one.
     */
    public void setUp(String app, String text, List<ModelChoice> models, ModelChoice selected) {
        reset(app);
        prompt.set(text == null ? "" : text);
        available.setAll(new ArrayList<>(List.of(ModelChoice.AUTO)));
        available.addAll(models);
        List<ModelChoice> start = new ArrayList<>();
        start.add(selected == null ? ModelChoice.AUTO : selected);
        for (ModelChoice m : models) {
            if (start.size() < 2 && !m.equals(start.get(0))) {
                start.add(m);
            }
        }
        picks.setAll(start);
        readVerify(app);
    }

    /** Reads the app's verify command for the setup's line (which says so when it cannot be read). */
    private void readVerify(String app) {
        int asked = generation;
        long read = ++verifyReads;
        CompletableFuture.supplyAsync(() -> client.getApp(app).verify(), io).handleAsync((command, failure) -> {
            if (asked == generation && read == verifyReads) {
                verify.set(failure == null ? VerifySetting.of(command) : VerifySetting.UNREADABLE);
            }
            return null;
        }, ui);
    }

    private void reset(String app) {
        closeColumns();
        generation++;
        appId = app;
        group.set(null);
        table.set(null);
        hidden.set(false);
        imported.set(false);
        message.set("");
        pendingApply.set(null);
        applied.set(null);
        choice.set(null);
        notes.set("");
        blind.set(false);
        picks.clear();
        verify.set(VerifySetting.UNKNOWN);
    }

    /** Starts every attempt at once; the columns stream as soon as the server has created them. */
    public CompletableFuture<Void> start() {
        if (!canStart.get()) {
            return CompletableFuture.completedFuture(null);
        }
        String app = appId;
        String input = prompt.get().strip();
        List<CreateComparisonRequest.Attempt> attempts = picks.stream()
                .map(p -> new CreateComparisonRequest.Attempt(p.id(), null)).toList();
        CreateComparisonRequest request = new CreateComparisonRequest(input, attempts, blind.get(), null);
        starting.set(true);
        message.set("");
        int started = generation;
        return CompletableFuture.supplyAsync(() -> client.createComparison(app, request), io)
                .handleAsync((created, failure) -> {
                    starting.set(false);
                    if (started != generation) {
                        return null;
                    }
                    if (failure != null) {
                        // The prompt and the picks stay as they were: nothing was created.
                        message.set("The comparison could not start: " + Failures.message(failure));
                        return null;
                    }
                    // The setup's chips would name the models of a blind comparison; a new setup picks again.
                    picks.clear();
                    show(created, true);
                    host.comparisonsChanged();
                    return null;
                }, ui);
    }

    /** Reopens a saved comparison: every column replays its attempt's events; one still going is followed. */
    public CompletableFuture<Void> reopen(String app, String groupId) {
        reset(app);
        int opened = generation;
        return CompletableFuture.supplyAsync(() -> client.compareGroup(app, groupId), io)
                .handleAsync((found, failure) -> {
                    if (opened != generation) {
                        return null;
                    }
                    if (failure != null) {
                        message.set("The comparison could not be opened: " + Failures.message(failure));
                        return null;
                    }
                    show(found, false);
                    return null;
                }, ui);
    }

    private void show(CompareGroup g, boolean live) {
        closeColumns();
        prompt.set(g.input());
        adopt(g);
        List<AttemptColumn> made = new ArrayList<>();
        for (Run run : g.runs()) {
            AttemptColumn column = new AttemptColumn(client, ui, io, run, g.labelOf(run.runId()));
            made.add(column);
            column.thread().onRunChanged(id -> refresh());
            if (g.verdict() != null && g.verdict().ratings().containsKey(run.runId())) {
                column.ratingProperty().set(g.verdict().ratings().get(run.runId()));
            }
        }
        columns.setAll(made);
        titleColumns();
        for (AttemptColumn column : made) {
            load(column, live);
        }
        if (g.verdict() != null) {
            Verdict v = g.verdict();
            choice.set(v.winnerRunId() != null ? v.winnerRunId() : v.outcome());
            notes.set(v.notes());
        }
    }

    /** A column's rows: followed from its first event when just started, else replayed from its log. */
    private void load(AttemptColumn column, boolean live) {
        Run run = column.runProperty().get();
        // Read here, on the UI thread: replayed turns are built on the io executor.
        String fixed = hidden.get() ? column.titleProperty().get() : null;
        column.thread().timeline().fixLabels(id -> fixed);
        if (live) {
            column.thread().newThread(appId);
            column.thread().follow(run, prompt.get());
        } else if (run.chatSessionId() != null) {
            column.thread().open(appId, run.chatSessionId());
        }
    }

    private void adopt(CompareGroup g) {
        group.set(g);
        hidden.set(g.blind() && g.verdict() == null);
        table.set(CompareTable.of(g, modelName));
    }

    private void titleColumns() {
        CompareTable t = table.get();
        for (int i = 0; i < columns.size() && t != null; i++) {
            columns.get(i).setTitle(t.columns().get(i).title());
        }
    }

    /** Reads the comparison again (an attempt started or ended): statuses, metrics and the table. */
    CompletableFuture<Void> refresh() {
        CompareGroup shown = group.get();
        if (shown == null || imported.get()) {
            return CompletableFuture.completedFuture(null);
        }
        String app = appId;
        int at = generation;
        long sent = ++refreshesSent;
        return CompletableFuture.supplyAsync(() -> client.compareGroup(app, shown.id()), io)
                .handleAsync((latest, failure) -> {
                    if (at != generation || failure != null || sent < refreshShown) {
                        return null;
                    }
                    refreshShown = sent;
                    boolean wasHidden = hidden.get();
                    adopt(latest);
                    for (Run run : latest.runs()) {
                        columns.stream().filter(c -> c.runId().equals(run.runId())).findFirst()
                                .ifPresent(c -> c.setRun(run));
                    }
                    titleColumns();
                    if (wasHidden && !hidden.get()) {
                        reveal();
                    }
                    return null;
                }, ui);
    }

    /** After the verdict of a blind comparison: the columns replay their attempts, now with their models. */
    private void reveal() {
        for (AttemptColumn column : columns) {
            column.thread().close();
            load(column, false);
        }
    }

    /** Stop on one column: cancels that attempt only; the others go on. */
    public void stop(AttemptColumn column) {
        column.thread().stop();
    }

    /** Apply this result: reads where the draft is, then asks (saying so when the draft moved since the start). */
    public CompletableFuture<Void> askApply(AttemptColumn column) {
        if (!column.hasResult()) {
            message.set(column.titleProperty().get() + " changed nothing: there is no result to apply.");
            return CompletableFuture.completedFuture(null);
        }
        String app = appId;
        String base = column.runProperty().get().baseRevisionId();
        message.set("");
        return CompletableFuture.supplyAsync(() -> client.builderState(app).currentDraftRevision().id(), io)
                .handleAsync((draft, failure) -> {
                    if (failure != null) {
                        message.set("Could not read the draft: " + Failures.message(failure));
                    } else {
                        pendingApply.set(new ApplyPlan(column, draft, base != null && !base.equals(draft)));
                    }
                    return null;
                }, ui);
    }

    public void cancelApply() {
        pendingApply.set(null);
    }

    /** The user said yes: the attempt's checkpoint becomes the draft (and the app folder); Undo is offered. */
    public CompletableFuture<Void> confirmApply() {
        ApplyPlan plan = pendingApply.get();
        if (plan == null) {
            return CompletableFuture.completedFuture(null);
        }
        pendingApply.set(null);
        String app = appId;
        Run run = plan.column().runProperty().get();
        return CompletableFuture.runAsync(() -> client.restoreCheckpoint(app, run.checkpointRevisionId(),
                run.runId()), io).handleAsync((v, failure) -> {
                    if (failure != null) {
                        message.set("Apply failed; the draft is as it was: " + Failures.message(failure));
                        return null;
                    }
                    applied.set(new Applied(plan.column().titleProperty().get(), plan.draftRevisionId()));
                    host.draftChanged();
                    return null;
                }, ui);
    }

    /** Undo the last Apply: the draft that was current before it comes back, byte for byte. */
    public CompletableFuture<Void> undoApply() {
        Applied last = applied.get();
        if (last == null) {
            return CompletableFuture.completedFuture(null);
        }
        String app = appId;
        return CompletableFuture.runAsync(() -> client.restoreCheckpoint(app, last.previousDraftId(), null), io)
                .handleAsync((v, failure) -> {
                    if (failure != null) {
                        message.set("Undo failed: " + Failures.message(failure));
                        return null;
                    }
                    applied.set(null);
                    host.draftChanged();
                    return null;
                }, ui);
    }

    /** Continue with this model: the attempt's thread opens in the workspace (not while blind mode hides it). */
    public void continueWith(AttemptColumn column) {
        if (hidden.get()) {
            message.set("Save the verdict first: continuing would name the model.");
            return;
        }
        host.continueWith(appId, column.runProperty().get());
    }

    /** Saves the verdict with the ratings; a blind comparison is revealed. */
    public CompletableFuture<Void> saveVerdict() {
        CompareGroup g = group.get();
        String picked = choice.get();
        if (g == null || picked == null) {
            return CompletableFuture.completedFuture(null);
        }
        Map<String, Integer> ratings = new LinkedHashMap<>();
        for (AttemptColumn c : columns) {
            if (c.ratingProperty().get() > 0) {
                ratings.put(c.runId(), c.ratingProperty().get());
            }
        }
        boolean tie = Verdict.TIE.equals(picked);
        boolean allBad = Verdict.ALL_BAD.equals(picked);
        Verdict verdict = new Verdict(tie || allBad ? null : picked, ratings, notes.get(), g.blind(),
                tie ? Verdict.TIE : allBad ? Verdict.ALL_BAD : Verdict.WINNER);
        String app = appId;
        return CompletableFuture.supplyAsync(() -> client.setVerdict(app, g.id(), verdict), io)
                .handleAsync((saved, failure) -> {
                    if (failure != null) {
                        message.set("The verdict was not saved: " + Failures.message(failure));
                        return null;
                    }
                    message.set("");
                    host.comparisonsChanged();
                    refresh();
                    return null;
                }, ui);
    }

    /** Writes the comparison as Markdown, JSON or CSV to {@code file} (whole, or not at all). */
    public CompletableFuture<Void> export(ExportFormat format, Path file) {
        CompareTable t = table.get();
        if (t == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> writeWhole(file, format.write(t)), io).handleAsync((v, failure) -> {
            message.set(failure == null ? "" : "The export failed: " + Failures.message(failure));
            return null;
        }, ui);
    }

    /** Shows the table of a JSON export (read-only: it has no attempts to stream, apply or judge). */
    public CompletableFuture<Void> importFrom(Path file) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return CompareImport.fromJson(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (CompareImport.ImportException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }, io).handleAsync((read, failure) -> {
            if (failure != null) {
                message.set("That file is not a comparison exported by Builder Desk: " + Failures.message(failure));
                return null;
            }
            reset(appId);
            imported.set(true);
            table.set(read);
            prompt.set(read.input());
            return null;
        }, ui);
    }

    private static boolean ended(Run run) {
        try {
            return RunStatus.fromWire(run.status()).isSettled();
        } catch (IllegalArgumentException | NullPointerException e) {
            return true;
        }
    }

    private static void writeWhole(Path file, String text) {
        try {
            Path part = file.resolveSibling(file.getFileName() + ".part");
            Files.writeString(part, text, StandardCharsets.UTF_8);
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void closeColumns() {
        columns.forEach(AttemptColumn::close);
        columns.clear();
    }

    /** Leaves the comparison: the columns stop following (the attempts go on on the server). */
    @Override
    public void close() {
        closeColumns();
        generation++;
    }
}

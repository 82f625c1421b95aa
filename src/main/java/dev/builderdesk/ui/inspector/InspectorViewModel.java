package dev.builderdesk.ui.inspector;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.ExecutionEngine;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.ui.fx.Failures;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The run inspector: which run is inspected, its status as an enum (or unknown while the server is unreachable),
 * its engine, and its details as labelled rows — ids, requested → resolved model, revisions, timings (the duration
 * summed over the run's segments by the server), tokens, tool calls, retries, errors and warnings — plus, for each
 * of Cancel, Resume, Retry and Revert, whether it applies now and, when it does not, why.
 */
public final class InspectorViewModel {
    /** How a row's value is shown. */
    public enum Kind {
        /** One line, ellipsized with the full text as a tooltip when it does not fit. */
        TEXT,
        /** An id: its first eight characters, with Copy for the whole id. */
        ID,
        /** Prose (an error, a warning): wraps. */
        NOTE,
        /** A machine code (an error code): monospace, one line like {@link #TEXT}. */
        CODE
    }

    /** The inspector's actions; each has a slot of its own in the action bar. */
    public enum Action { CANCEL, RESUME, RETRY, REVERT }

    /** One labelled value of the inspector. */
    public record Field(String label, String value, Kind kind) {
        /** What the row shows: an id is shortened, anything else as it is. */
        public String shown() {
            return kind == Kind.ID ? shortId(value) : value;
        }
    }

    static final String NO_RUN = "No run selected";
    static final String OFFLINE = "The server is unreachable";

    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final ReadOnlyObjectWrapper<Run> run = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper inspectedRunId = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<RunStatus> status = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper statusKnown = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ExecutionEngine> engine = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper offline = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper("Select a turn to see its run.");
    private final ObservableList<Field> fields = FXCollections.observableArrayList();
    private final ObservableList<Field> fieldsView = FXCollections.unmodifiableObservableList(fields);
    private final Map<Action, ReadOnlyBooleanWrapper> enabled = new EnumMap<>(Action.class);
    private final Map<Action, ReadOnlyStringWrapper> whyNot = new EnumMap<>(Action.class);
    private String appId;
    /** Why the shown run could not be fetched the last time, or null: its status is then not known. */
    private String fetchFailure;
    private boolean cancelling;
    private Consumer<Run> retry = r -> { };
    private Consumer<Run> resume = r -> { };
    private BiConsumer<String, Run> revert = (app, r) -> { };

    public InspectorViewModel(RunApiClient client, Executor ui, Executor io) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        for (Action a : Action.values()) {
            enabled.put(a, new ReadOnlyBooleanWrapper());
            whyNot.put(a, new ReadOnlyStringWrapper(NO_RUN));
        }
    }

    /** The shown run as last fetched, or null (none selected, or still loading). */
    public ReadOnlyObjectProperty<Run> runProperty() {
        return run.getReadOnlyProperty();
    }

    /** The id of the run being inspected, set as soon as it is asked for (the timeline highlights its turn). */
    public ReadOnlyStringProperty inspectedRunIdProperty() {
        return inspectedRunId.getReadOnlyProperty();
    }

    /** The shown run's last known status; null without a run or for a status this client does not know. */
    public ReadOnlyObjectProperty<RunStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** False while the status may have changed unseen: the server is unreachable or the run could not be read. */
    public ReadOnlyBooleanProperty statusKnownProperty() {
        return statusKnown.getReadOnlyProperty();
    }

    /** The status badge's words: "Running", "Completed", "status unknown (offline)"... */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** The shown run's engine; null without a run or for an engine this client does not know. */
    public ReadOnlyObjectProperty<ExecutionEngine> engineProperty() {
        return engine.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty offlineProperty() {
        return offline.getReadOnlyProperty();
    }

    /** What the inspector says instead of rows: no run selected, loading, or why it could not be loaded. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** The labelled rows of the shown run, in order. */
    public ObservableList<Field> fields() {
        return fieldsView;
    }

    /** Whether {@code action} applies to the shown run now. */
    public ReadOnlyBooleanProperty can(Action action) {
        return enabled.get(action).getReadOnlyProperty();
    }

    /** Why {@code action} does not apply now; empty when it does. */
    public ReadOnlyStringProperty whyNot(Action action) {
        return whyNot.get(action).getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canCancel() {
        return can(Action.CANCEL);
    }

    public ReadOnlyBooleanProperty canResume() {
        return can(Action.RESUME);
    }

    public ReadOnlyBooleanProperty canRetry() {
        return can(Action.RETRY);
    }

    public ReadOnlyBooleanProperty canRevert() {
        return can(Action.REVERT);
    }

    /** What Retry does: the composer resends the same prompt with the same model. */
    public void onRetry(Consumer<Run> action) {
        this.retry = action;
    }

    /** What Resume does: the composer resumes the run and the timeline follows on. */
    public void onResume(Consumer<Run> action) {
        this.resume = action;
    }

    /** Where Revert goes: the window asks for confirmation first (see {@code RevertViewModel}). */
    public void onRevert(BiConsumer<String, Run> action) {
        this.revert = action;
    }

    /** Shows a message of another part about the shown run (a revert that failed). */
    public void note(String text) {
        message.set(text);
    }

    /** The outcome of the last action: what happened, or why it did not. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * The shell says whether the server is reachable. While it is not, a run that could still change shows
     * "status unknown (offline)" and no action applies; once it is back, the shown run is fetched again.
     */
    public void markOffline(boolean isOffline) {
        if (offline.get() == isOffline) {
            return;
        }
        offline.set(isOffline);
        refresh();
        if (!isOffline) {
            reload();
        }
    }

    /** Inspects a run, fetching it (after it was created, selected or settled); null shows none. */
    public CompletableFuture<Void> show(String app, String runId) {
        this.appId = app;
        message.set("");
        inspectedRunId.set(runId);
        if (runId == null) {
            set(null, null);
            return CompletableFuture.completedFuture(null);
        }
        if (run.get() == null || !run.get().runId().equals(runId)) {
            set(null, null);
        }
        return fetch(runId);
    }

    /** Inspects a run object the caller already holds (e.g. the one a create or resume call answered). */
    public void showRun(String app, Run shown) {
        this.appId = app;
        message.set("");
        inspectedRunId.set(shown == null ? null : shown.runId());
        set(shown, null);
    }

    /** Fetches the inspected run again (after a revert changed its result, or the server came back). */
    public void reload() {
        String id = inspectedRunId.get();
        if (id != null) {
            fetch(id);
        }
    }

    public void cancel() {
        Run r = run.get();
        if (r == null || !can(Action.CANCEL).get()) {
            return;
        }
        cancelling = true;
        refresh();
        CompletableFuture.supplyAsync(() -> client.cancelRun(appId, r.runId()), io).whenCompleteAsync((c, e) -> {
            cancelling = false;
            if (e != null) {
                message.set(Failures.message(e));
                refresh();
            } else if (r.runId().equals(inspectedRunId.get())) {
                set(c, null);
            }
        }, ui);
    }

    public void resume() {
        if (can(Action.RESUME).get()) {
            resume.accept(run.get());
        }
    }

    public void retry() {
        if (can(Action.RETRY).get()) {
            retry.accept(run.get());
        }
    }

    /**
     * Revert to this point: the draft becomes this run's checkpoint — the files as the run left them — as a new
     * revision, so nothing later is lost (the folder is written too for a folder app).
     */
    public void revert() {
        if (can(Action.REVERT).get()) {
            revert.accept(appId, run.get());
        }
    }

    /** The first eight characters of an id (a UUID's first group), which tell runs apart on one screen. */
    public static String shortId(String id) {
        return id == null || id.length() <= 8 ? Objects.requireNonNullElse(id, "—") : id.substring(0, 8);
    }

    private CompletableFuture<Void> fetch(String runId) {
        String app = appId;
        return CompletableFuture.supplyAsync(() -> client.getRun(app, runId), io).handleAsync((r, e) -> {
            if (!runId.equals(inspectedRunId.get())) {
                return null;
            }
            if (e != null) {
                set(run.get(), Failures.message(e));
            } else {
                set(r, null);
            }
            return null;
        }, ui);
    }

    private void set(Run r, String failure) {
        if (failure != null && r != null) {
            message.set("Could not refresh the run: " + failure);
        } else if (fetchFailure != null) {
            message.set("");
        }
        run.set(r);
        fetchFailure = failure;
        refresh();
    }

    /** Recomputes everything shown from the run, the connection and the action in flight. */
    private void refresh() {
        Run r = run.get();
        RunStatus s = r == null ? null : RunDetails.parseStatus(r.status());
        boolean unknown = r != null && (offline.get() || fetchFailure != null) && (s == null || !s.isFinal());
        status.set(s);
        statusKnown.set(r != null && !unknown);
        engine.set(r == null ? null : ExecutionEngine.fromWire(r.executionEngine()).orElse(null));
        statusText.set(r == null ? "" : unknown ? (offline.get() ? "status unknown (offline)" : "status unknown")
                : s == null ? r.status() : RunDetails.label(s));
        placeholder.set(r != null ? "" : inspectedRunId.get() == null ? "Select a turn to see its run."
                : fetchFailure != null ? "Could not load the run: " + fetchFailure : "Loading the run…");
        for (Action a : Action.values()) {
            String reason = r == null ? (inspectedRunId.get() == null ? NO_RUN
                    : fetchFailure != null ? "The run could not be loaded" : "Loading the run…")
                    : offline.get() ? OFFLINE
                    : unknown ? "The run's status is unknown" : RunDetails.whyNot(a, r, s, cancelling);
            enabled.get(a).set(reason.isEmpty());
            whyNot.get(a).set(reason);
        }
        fields.setAll(r == null ? List.of() : RunDetails.rows(r, s));
    }
}

package dev.builderdesk.ui.inspector;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.ui.fx.Durations;
import dev.builderdesk.ui.fx.Failures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The run inspector: the selected run's ids, status, engine, requested vs resolved model, revisions, timings,
 * tokens, tool calls and failures, retries and warnings, and the actions that fit its status — Cancel (running),
 * Resume (paused), Retry (failed: the same prompt with the same model), Revert (back to this run's checkpoint).
 */
public final class InspectorViewModel {
    /** One labelled value of the inspector; {@code id} values are shown in monospace and can be copied. */
    public record Field(String label, String value, boolean id) {
        Field(String label, String value) {
            this(label, value, false);
        }
    }

    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final ReadOnlyObjectWrapper<Run> run = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Field> fields = FXCollections.observableArrayList();
    private String appId;
    private Consumer<Run> retry = r -> { };
    private Consumer<Run> resume = r -> { };
    private Runnable reverted = () -> { };
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public InspectorViewModel(RunApiClient client, Executor ui, Executor io) {
        this.client = client;
        this.ui = ui;
        this.io = io;
    }

    public ReadOnlyObjectProperty<Run> runProperty() {
        return run.getReadOnlyProperty();
    }

    public ObservableList<Field> fields() {
        return fields;
    }

    /** What Retry and Resume do: the composer resends or follows the run again. */
    public void onRetry(Consumer<Run> action) {
        this.retry = action;
    }

    public void onResume(Consumer<Run> action) {
        this.resume = action;
    }

    /** Told after a revert landed (the composer refreshes the draft it builds on). */
    public void onReverted(Runnable action) {
        this.reverted = action;
    }

    /** The outcome of the last action: what happened, or why it did not. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanBinding canCancel() {
        return status("queued", "running");
    }

    public BooleanBinding canResume() {
        return status("paused");
    }

    public BooleanBinding canRetry() {
        return status("failed", "cancelled");
    }

    public BooleanBinding canRevert() {
        return Bindings.createBooleanBinding(() -> run.get() != null && run.get().checkpointRevisionId() != null,
                run);
    }

    /** Loads a run (after it was created or settled). */
    public CompletableFuture<Void> show(String app, String runId) {
        this.appId = app;
        message.set("");
        if (runId == null) {
            run.set(null);
            fields.clear();
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() -> client.getRun(app, runId), io).thenAcceptAsync(this::set, ui);
    }

    public void cancel() {
        Run r = run.get();
        CompletableFuture.supplyAsync(() -> client.cancelRun(appId, r.runId()), io).whenCompleteAsync((c, e) -> {
            if (e != null) {
                message.set(Failures.message(e));
            } else {
                set(c);
            }
        }, ui);
    }

    public void resume() {
        resume.accept(run.get());
    }

    public void retry() {
        retry.accept(run.get());
    }

    /**
     * Revert to this point: the draft becomes this run's checkpoint — the files as the run left them — as a new
     * revision, so nothing later is lost (the folder is written too for a folder app).
     */
    public CompletableFuture<Void> revert() {
        Run r = run.get();
        return CompletableFuture.runAsync(() -> client.restoreCheckpoint(appId, r.checkpointRevisionId(),
                r.runId()), io).whenCompleteAsync((v, e) -> {
                    if (e != null) {
                        message.set(Failures.message(e));
                    } else {
                        message.set("Restored the draft to how this run left it.");
                        reverted.run();
                    }
                }, ui);
    }

    private void set(Run r) {
        run.set(r);
        List<Field> rows = new ArrayList<>();
        rows.add(new Field("Status", r.status() + (r.errorCode() == null ? "" : " · " + r.errorCode())));
        rows.add(new Field("Run", r.runId(), true));
        rows.add(new Field("Engine", r.executionEngine()));
        rows.add(new Field("Model asked for", r.requestedModelId() == null ? "Auto"
                : r.requestedModelId().equals(r.resolvedModelId()) ? r.resolvedModelName() : r.requestedModelId()));
        rows.add(new Field("Model that ran", r.resolvedModelName()));
        rows.add(new Field("Model id", r.resolvedModelId(), true));
        rows.add(new Field("Base revision", String.valueOf(r.baseRevisionId()), true));
        rows.add(new Field("Result revision", r.resultRevisionId() == null ? "—" : r.resultRevisionId(), true));
        boolean settled = !List.of("queued", "running").contains(r.status());
        if (!settled) {
            rows.add(new Field("Measurements", "when the run ends"));
        }
        // A run's counters are written when it settles: zeros while it runs would read as facts.
        if (r.metrics() != null && settled) {
            rows.add(new Field("Time to first token", ms(r.metrics().ttftMs())));
            rows.add(new Field("Duration", ms(r.metrics().durationMs())));
            rows.add(new Field("Model steps", Integer.toString(r.metrics().modelSteps())));
            rows.add(new Field("Tool calls", r.metrics().toolCalls() + " (" + r.metrics().toolFailures()
                    + " failed)"));
            rows.add(new Field("Retries", Integer.toString(r.metrics().retries())));
            rows.add(new Field("Files changed", r.metrics().filesChanged() + "  +" + r.metrics().linesAdded()
                    + " −" + r.metrics().linesRemoved()));
        }
        if (r.usage() != null && settled) {
            rows.add(new Field("Tokens", r.usage().inputTokens() + " in · " + r.usage().outputTokens() + " out"));
        }
        if (r.error() != null) {
            rows.add(new Field("Error", r.error()));
        }
        if (r.warnings() != null) {
            r.warnings().forEach(w -> rows.add(new Field("Warning", w)));
        }
        fields.setAll(rows);
    }

    private BooleanBinding status(String... statuses) {
        return Bindings.createBooleanBinding(() -> run.get() != null && List.of(statuses).contains(run.get()
                .status()), run);
    }

    private static String ms(Long millis) {
        return millis == null ? "—" : Durations.format(millis);
    }
}

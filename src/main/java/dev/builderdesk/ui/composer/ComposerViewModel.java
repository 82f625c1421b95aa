package dev.builderdesk.ui.composer;

import dev.builderdesk.protocol.ExecutionEngine;
import dev.builderdesk.client.Errors;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.CreateRunRequest;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.ui.fx.Failures;
import dev.builderdesk.ui.picker.ModelChoice;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import dev.builderdesk.ui.timeline.ThreadViewModel;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The composer: the prompt, the chosen model and engine, Send / Stop. Sending creates a run with the thread's model
 * ({@code model_id} null for Auto) and streams it into the timeline; the prompt is cleared only once the run
 * exists, so on any error it stays where the user typed it, with the error shown beside it.
 */
public final class ComposerViewModel implements AutoCloseable {
    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final ThreadViewModel thread;
    private final ModelPickerViewModel picker;
    private final StringProperty prompt = new SimpleStringProperty("");
    private final ObjectProperty<ExecutionEngine> engine = new SimpleObjectProperty<>(ExecutionEngine.NATIVE);
    private final ObjectProperty<String> appId = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper creating = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>(Problem.NONE);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private volatile String baseRevision;
    private final BooleanBinding canSend;
    private Consumer<Problem> openSettings = p -> { };
    private String lastPrompt;

    public ComposerViewModel(RunApiClient client, Executor ui, Executor io, ThreadViewModel thread,
            ModelPickerViewModel picker) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        this.thread = thread;
        this.picker = picker;
        running.bind(creating.or(thread.runningProperty()));
        thread.onRunFailed(diagnostics -> {
            Run run = thread.lastRunProperty().get();
            problem.set(Problem.ofFailedRun(diagnostics, run == null ? null : run.resolvedModelId()));
        });
        thread.onStreamFailed(e -> problem.set(Problem.of(e, false)));
        thread.runningProperty().addListener((obs, was, now) -> {
            if (was && !now) {
                refreshBase();
            }
        });
        this.canSend = Bindings.createBooleanBinding(() -> appId.get() != null && !running.get()
                && !thread.loadingProperty().get() && prompt.get() != null && !prompt.get().isBlank(), appId,
                running, thread.loadingProperty(), prompt);
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public ObjectProperty<ExecutionEngine> engineProperty() {
        return engine;
    }

    public ObjectProperty<String> appIdProperty() {
        return appId;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The error shown above the prompt, and the action that fixes it; {@link Problem#NONE} when all is well. */
    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Hides the error without acting on it. */
    public void dismissProblem() {
        problem.set(Problem.NONE);
    }

    /** The error's text alone (empty when none). */
    public String error() {
        return problem.get().message();
    }

    /** Where the settings actions go, with the problem they fix (the window opens Settings at the right page). */
    public void onOpenSettings(Consumer<Problem> listener) {
        this.openSettings = listener;
    }

    /**
     * The error's action: Switch to Auto and Use the Native engine change the choice and leave the prompt for the
     * user to send; Retry resends; the settings actions open Settings. The prompt is never touched here.
     */
    public void fix() {
        Problem.Fix fix = problem.get().fix();
        switch (fix) {
            case SWITCH_TO_AUTO -> picker.choose(ModelChoice.AUTO);
            case USE_NATIVE -> engine.set(ExecutionEngine.NATIVE);
            case RETRY -> {
                if ((prompt.get() == null || prompt.get().isBlank()) && lastPrompt != null) {
                    prompt.set(lastPrompt);
                }
                problem.set(Problem.NONE);
                send();
                return;
            }
            case ADD_PROVIDER, PROVIDER_SETTINGS, CONNECTION_SETTINGS -> openSettings.accept(problem.get());
            case NONE -> {
            }
        }
        problem.set(Problem.NONE);
    }

    /** An informational line (e.g. the automatic refresh after a revision conflict); empty when none. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Reads the app's current draft, which the next run is based on. */
    public CompletableFuture<Void> refreshBase() {
        String app = appId.get();
        if (app == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> baseRevision = client.builderState(app).currentDraftRevision().id(),
                io).exceptionally(e -> null);
    }

    /** The thread runs belong to; null until the first run creates one. */
    public ReadOnlyStringProperty sessionIdProperty() {
        return thread.sessionIdProperty();
    }

    public BooleanBinding canSendProperty() {
        return canSend;
    }

    /** Sends the prompt with the selected model. */
    public void send() {
        if (!canSend.get()) {
            return;
        }
        String text = prompt.get().strip();
        ModelChoice model = picker.selectedProperty().get();
        String app = appId.get();
        creating.set(true);
        problem.set(Problem.NONE);
        notice.set("");
        lastPrompt = text;
        create(app, text, model, false, thread.generation());
    }

    /**
     * Creates the run on the draft the user is looking at. If the app changed meanwhile (REVISION_CONFLICT), the
     * draft is refreshed and the prompt resent once; a second conflict is shown.
     */
    private void create(String app, String text, ModelChoice model, boolean retried, int sentFrom) {
        CreateRunRequest request = new CreateRunRequest(text, model.isAuto() ? null : model.id(),
                engine.get().wire(),
                baseRevision, null, thread.sessionIdProperty().get(), null, null, UUID.randomUUID().toString());
        CompletableFuture.supplyAsync(() -> client.createRun(app, request), io).whenCompleteAsync((run, failure) -> {
            Throwable cause = failure == null ? null : Failures.cause(failure);
            if (cause instanceof Errors.RevisionConflictException conflict && !retried) {
                baseRevision = conflict.latestRevisionId();
                notice.set("The app changed since you started typing — refreshed and resent.");
                create(app, text, model, true, sentFrom);
                return;
            }
            if (cause != null) {
                creating.set(false);
                notice.set("");
                problem.set(Problem.of(cause, model.isAuto()));
                return;
            }
            if (thread.generation() != sentFrom) {
                // The user showed another thread meanwhile: the run belongs to the thread it was sent from, where
                // it shows when that thread is opened again.
                prompt.set("");
                creating.set(false);
                return;
            }
            // Follow first, then drop "creating": Send never flickers back between the two.
            started(app, text, model, run);
            creating.set(false);
        }, ui);
    }

    /** Stop: cancels the shown thread's run on the server; the partial answer stays. */
    public void stop() {
        thread.stop();
    }

    /** Retry: the same prompt, with the model the run asked for (Auto if it asked for none). */
    public void retry(Run run) {
        if (running.get()) {
            return;
        }
        prompt.set(run.input());
        picker.selectedProperty().set(picker.choiceAskedBy(run));
        send();
    }

    /** Resume a paused run: the server continues it and the timeline follows on from the last event seen. */
    public void resume(Run run) {
        String app = appId.get();
        if (running.get() || app == null) {
            return;
        }
        creating.set(true);
        problem.set(Problem.NONE);
        int sentFrom = thread.generation();
        CompletableFuture.supplyAsync(() -> client.resumeRun(app, run.runId()), io).whenCompleteAsync((r, e) -> {
            if (e != null) {
                creating.set(false);
                problem.set(Problem.of(Failures.cause(e), false));
                return;
            }
            if (thread.generation() == sentFrom) {
                thread.resumed(r);
            }
            creating.set(false);
        }, ui);
    }

    private void started(String app, String text, ModelChoice model, Run run) {
        prompt.set("");
        thread.follow(run, text);
    }

    @Override
    public void close() {
        thread.close();
    }
}

package dev.builderdesk.ui.composer;

import dev.builderdesk.client.ClientException;
import dev.builderdesk.client.Errors;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.RunEvent;
import dev.builderdesk.client.RunStream;
import dev.builderdesk.client.RunStreamListener;
import dev.builderdesk.protocol.CreateRunRequest;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.ui.fx.Failures;
import dev.builderdesk.ui.fx.PulseBatcher;
import dev.builderdesk.ui.picker.ModelChoice;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import dev.builderdesk.ui.timeline.TimelineViewModel;
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
    private static final String RECONNECTING = "Reconnecting…";
    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final TimelineViewModel timeline;
    private final ModelPickerViewModel picker;
    private final StringProperty prompt = new SimpleStringProperty("");
    private final StringProperty engine = new SimpleStringProperty("native");
    private final ObjectProperty<String> appId = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>(Problem.NONE);
    private final ReadOnlyStringWrapper sessionId = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private volatile String baseRevision;
    private final BooleanBinding canSend;
    private volatile RunStream stream;
    private volatile String runId;
    private volatile long lastSeq;
    private Consumer<String> runChanged = id -> { };
    private Consumer<Problem.Fix> openSettings = fix -> { };
    private String lastPrompt;

    public ComposerViewModel(RunApiClient client, Executor ui, Executor io, TimelineViewModel timeline,
            ModelPickerViewModel picker) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        this.timeline = timeline;
        this.picker = picker;
        this.canSend = Bindings.createBooleanBinding(() -> appId.get() != null && !running.get()
                && prompt.get() != null && !prompt.get().isBlank(), appId, running, prompt);
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public StringProperty engineProperty() {
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

    /** Where the settings actions go (the window opens Settings at the right page). */
    public void onOpenSettings(Consumer<Problem.Fix> listener) {
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
            case USE_NATIVE -> engine.set("native");
            case RETRY -> {
                if ((prompt.get() == null || prompt.get().isBlank()) && lastPrompt != null) {
                    prompt.set(lastPrompt);
                }
                problem.set(Problem.NONE);
                send();
                return;
            }
            case ADD_PROVIDER, PROVIDER_SETTINGS, CONNECTION_SETTINGS -> openSettings.accept(fix);
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
        return sessionId.getReadOnlyProperty();
    }

    public BooleanBinding canSendProperty() {
        return canSend;
    }

    /** Starts a new thread: the next run creates its own session. */
    public void newThread() {
        sessionId.set(null);
        timeline.clear();
    }

    /** Continues an existing thread: the next run is sent with its session. */
    public void openThread(String session) {
        sessionId.set(session);
    }

    /** Sends the prompt with the selected model. */
    public void send() {
        if (!canSend.get()) {
            return;
        }
        String text = prompt.get().strip();
        ModelChoice model = picker.selectedProperty().get();
        String app = appId.get();
        running.set(true);
        problem.set(Problem.NONE);
        notice.set("");
        lastPrompt = text;
        create(app, text, model, false);
    }

    /**
     * Creates the run on the draft the user is looking at. If the app changed meanwhile (REVISION_CONFLICT), the
     * draft is refreshed and the prompt resent once; a second conflict is shown.
     */
    private void create(String app, String text, ModelChoice model, boolean retried) {
        CreateRunRequest request = new CreateRunRequest(text, model.isAuto() ? null : model.id(), engine.get(),
                baseRevision, null, sessionId.get(), null, null, UUID.randomUUID().toString());
        CompletableFuture.supplyAsync(() -> client.createRun(app, request), io).whenCompleteAsync((run, failure) -> {
            Throwable cause = failure == null ? null : Failures.cause(failure);
            if (cause instanceof Errors.RevisionConflictException conflict && !retried) {
                baseRevision = conflict.latestRevisionId();
                notice.set("The app changed since you started typing — refreshed and resent.");
                create(app, text, model, true);
                return;
            }
            if (cause != null) {
                running.set(false);
                notice.set("");
                problem.set(Problem.of(cause, model.isAuto()));
                return;
            }
            started(app, text, model, run);
        }, ui);
    }

    /** Stop: cancels the run on the server; the partial answer stays. */
    public void stop() {
        String run = runId;
        String app = appId.get();
        if (run != null && running.get()) {
            CompletableFuture.runAsync(() -> client.cancelRun(app, run), io).exceptionally(e -> null);
        }
    }

    /** The run this composer started or resumed last; null before the first. */
    public String currentRunId() {
        return runId;
    }

    /** Called with the run id when a run starts and again when it settles (the inspector reloads it). */
    public void onRunChanged(Consumer<String> listener) {
        this.runChanged = listener;
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
        running.set(true);
        problem.set(Problem.NONE);
        CompletableFuture.supplyAsync(() -> client.resumeRun(app, run.runId()), io).whenCompleteAsync((r, e) -> {
            if (e != null) {
                running.set(false);
                problem.set(Problem.of(Failures.cause(e), false));
                return;
            }
            follow(app, r.runId(), run.runId().equals(runId) ? lastSeq + 1 : 1);
            runChanged.accept(r.runId());
        }, ui);
    }

    private void started(String app, String text, ModelChoice model, Run run) {
        prompt.set("");
        sessionId.set(run.chatSessionId());
        timeline.userTurn(text, run.runId(), (model.isAuto() ? "Auto → " : "") + run.resolvedModelName());
        follow(app, run.runId(), 1);
        runChanged.accept(run.runId());
    }

    private void follow(String app, String id, long fromSeq) {
        runId = id;
        lastSeq = fromSeq - 1;
        PulseBatcher<RunEvent> batcher = new PulseBatcher<>(ui, batch -> {
            timeline.apply(batch);
            RunEvent last = batch.get(batch.size() - 1);
            lastSeq = last.seq();
            if (notice.get().startsWith(RECONNECTING)) {
                notice.set("");
            }
            if (last instanceof RunEvent.Failed failed) {
                problem.set(Problem.ofFailedRun(failed.diagnostics()));
            }
            if (last.isTerminal()) {
                running.set(false);
                refreshBase();
                runChanged.accept(id);
            }
        });
        stream = client.stream(app, id, fromSeq, new RunStreamListener() {
            @Override
            public void onEvent(RunEvent event) {
                batcher.offer(event);
            }

            @Override
            public void onReconnecting(int attempt, Throwable cause) {
                ui.execute(() -> notice.set(RECONNECTING + " (attempt " + attempt + ")"));
            }

            @Override
            public void onError(ClientException e) {
                ui.execute(() -> {
                    running.set(false);
                    notice.set("");
                    problem.set(Problem.of(e, false));
                });
            }
        });
    }

    @Override
    public void close() {
        RunStream s = stream;
        if (s != null) {
            s.close();
        }
    }
}

package dev.builderdesk.server.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.builderdesk.engine.ConversationState;
import dev.builderdesk.engine.Engine;
import dev.builderdesk.engine.EngineOutcome;
import dev.builderdesk.engine.EngineRun;
import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.ChatTurn;
import dev.builderdesk.protocol.Checkpoint;
import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.EventType;
import dev.builderdesk.protocol.FileDiff;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.PauseReason;
import dev.builderdesk.protocol.RunMetrics;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.protocol.VerifyCommand;
import dev.builderdesk.protocol.VerifyResult;
import dev.builderdesk.providers.ProviderFactory;
import dev.builderdesk.server.ServerSettings;
import dev.builderdesk.server.events.EventLog;
import dev.builderdesk.server.events.LeaseLostException;
import dev.builderdesk.server.models.ModelService;
import dev.builderdesk.store.EventRepository;
import dev.builderdesk.store.RevisionRepository.RevisionRow;
import dev.builderdesk.store.RunRow;
import dev.builderdesk.store.Store;
import dev.builderdesk.store.StoreException;
import dev.builderdesk.tools.Sandbox;
import dev.builderdesk.workspace.AppFolderException;
import dev.builderdesk.workspace.Drafts;
import dev.builderdesk.workspace.FileSet;
import dev.builderdesk.workspace.RevisionDiffs;
import dev.builderdesk.workspace.Revisions;
import dev.builderdesk.workspace.Sandboxes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Executes one run segment from start (or resume) to its settled state: marks it running, materialises the
 * sandbox, lets the engine work, then records the result (revision, checkpoint, auto-apply), the fallback text,
 * and exactly one terminal event committed together with the run's final status.
 */
final class RunWorker {
    private static final System.Logger LOG = System.getLogger(RunWorker.class.getName());

    private final Store store;
    private final EventLog log;
    private final ModelService models;
    private final ProviderFactory providers;
    private final Map<String, Engine> engines;
    private final Revisions revisions;
    private final Drafts drafts;
    private final Sandboxes sandboxes;
    private final ServerSettings settings;
    private final AttemptVerifier verifier = new AttemptVerifier();

    RunWorker(Store store, EventLog log, ModelService models, ProviderFactory providers, Map<String, Engine> engines,
            Revisions revisions, Drafts drafts, Sandboxes sandboxes, ServerSettings settings) {
        this.store = store;
        this.log = log;
        this.models = models;
        this.providers = providers;
        this.engines = engines;
        this.revisions = revisions;
        this.drafts = drafts;
        this.sandboxes = sandboxes;
        this.settings = settings;
    }

    void execute(RunHandle handle, boolean resume) {
        RunRow row = load(handle.runId);
        if (row.status().isFinal()) {
            return;
        }
        // A segment lasts from its plan.updated to its terminal event, by those events' own timestamps.
        Instant startedAt = Timestamps.now();
        RunRow running = row.started(startedAt);
        log.appendAt(running.id(), running.appId(), startedAt,
                new EventPayload.PlanUpdated(resume ? "Coding-agent run resumed" : "Coding-agent run started"),
                List.of(), c -> {
                    store.runs().update(c, running);
                    return null;
                });
        // A blind comparison's attempt: its answer is stored in pieces that the stream can scrub one by one.
        BlindMask mask = store.db().read(c -> BlindMask.of(c, store, running)).orElse(null);
        RunRecorder recorder = new RunRecorder(log, store, running, startedAt, mask);
        if (resume) {
            recorder.seedText(earlierText(row.id()));
        }
        try {
            if (handle.cancellation.isCancelled()) {
                settleStopped(handle, running, recorder, startedAt);
                return;
            }
            outcome(handle, running, recorder, startedAt, resume);
        } catch (LeaseLostException lost) {
            // Another instance executes the run now: nothing more may be written from here, not even a failure.
            throw lost;
        } catch (RuntimeException | IOException e) {
            if (handle.reason() == RunHandle.StopReason.LEASE_LOST) {
                // Stopped because another instance took the run: its failure is not this instance's to write.
                throw new LeaseLostException(row.id());
            }
            // The stack for the operator; settling logs the failure itself, scrubbed. A blind attempt's stack is
            // left out: its messages may quote the model (settling's line does not).
            if (mask == null) {
                LOG.log(System.Logger.Level.WARNING, "Run " + row.id() + " crashed", e);
            }
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            settle(load(row.id()), RunStatus.FAILED, message, ErrorCodes.ENGINE_FAILED, recorder, startedAt,
                    List.of(Diagnostic.of(message, ErrorCodes.ENGINE_FAILED)));
        }
    }

    private void outcome(RunHandle handle, RunRow row, RunRecorder recorder, Instant startedAt, boolean resume)
            throws IOException {
        Optional<Checkpoint> committed = resume
                ? store.db().read(c -> store.checkpoints().findByRun(c, row.id())) : Optional.empty();
        if (committed.isPresent()) {
            // Its result was committed before the last stop: every step is done, applying and settling remain.
            FileSet base = store.db().read(c -> revisions.load(c, row.baseRevisionId()));
            complete(handle, row, base, committed,
                    loadState(row.id()).map(ConversationState::lastText).orElse(""), recorder, startedAt);
            return;
        }
        Engine engine = engines.get(row.engine());
        if (engine == null) {
            fail(row, recorder, startedAt, ErrorCodes.ENGINE_FAILED,
                    "The " + row.engine() + " engine is not available on this server");
            return;
        }
        Optional<ModelService.Target> target = models.endpointFor(row.resolvedModelId());
        if (target.isEmpty()) {
            fail(row, recorder, startedAt, ErrorCodes.PROVIDER_UNAVAILABLE,
                    "Model " + row.resolvedModelName() + " has no enabled provider");
            return;
        }
        FileSet base = store.db().read(c -> revisions.load(c, row.baseRevisionId()));
        Optional<ConversationState> saved = resume ? loadState(row.id()) : Optional.empty();
        if (saved.isPresent() && !sandboxes.exists(row.id())) {
            // The saved conversation describes edits that only the lost working copy holds.
            fail(row, recorder, startedAt, ErrorCodes.RUN_INTERRUPTED,
                    "The run's working copy was lost, so it cannot continue from its last step");
            return;
        }
        Sandbox sandbox = sandbox(row, base);
        EngineRun run = new EngineRun(row.id(), row.messages(), saved,
                providers.create(target.get().endpoint()), target.get().endpoint(), target.get().providerModelId(),
                sandbox, recorder,
                handle.cancellation, settings.maxToolIterations(), settings.retries(),
                (state, closing) -> commitStep(row.id(), state, closing, recorder));
        EngineOutcome outcome = engine.run(run);
        switch (outcome) {
            case EngineOutcome.Completed done -> complete(handle, load(row.id()), base, Optional.empty(),
                    done.finalText(), recorder, startedAt);
            case EngineOutcome.BudgetReached budget -> settle(load(row.id()).withPauseReason(
                    PauseReason.STEP_BUDGET.wire()), RunStatus.PAUSED, null, null, recorder, startedAt, List.of());
            case EngineOutcome.Stopped stopped -> settleStopped(handle, load(row.id()), recorder, startedAt);
            case EngineOutcome.Failed failed -> fail(load(row.id()), recorder, startedAt, failed.code(),
                    failed.message());
        }
    }

    /**
     * The run's sandbox as its engine works in it: prepared over the base for the native engine's tools, complete
     * for one that works in the folder itself (a prepared one is completed, should one ever be found there).
     */
    private Sandbox sandbox(RunRow row, FileSet base) throws IOException {
        if (RunService.needsCompleteFolder(row.engine())) {
            sandboxes.materialise(row.id(), base);
            return new Sandbox(sandboxes.complete(row.id(), base));
        }
        Path folder = sandboxes.prepare(row.id(), base);
        return new Sandbox(folder, sandboxes.overlay(row.id(), base).orElse(null));
    }

    /** A run's result: its revision and files. */
    private record Result(RevisionRow revision, FileSet files) {
    }

    /**
     * Records the result (once: a result committed before a crash is taken as it is), applies it, and settles the
     * run completed. A folder that cannot be written leaves the result as a checkpoint with a warning.
     */
    private void complete(RunHandle handle, RunRow row, FileSet base, Optional<Checkpoint> committed,
            String finalText, RunRecorder recorder, Instant startedAt) throws IOException {
        Optional<Result> result = committed.isPresent() ? Optional.of(loadResult(row, committed.get()))
                : commitResult(row, base, recorder);
        RunRow current = row;
        RunMetrics changes = null;
        List<Diagnostic> diagnostics = List.of();
        if (result.isPresent()) {
            current = load(row.id());
            changes = changeMetrics(RevisionDiffs.diff(base, result.get().files()));
            if (row.autoApply()) {
                Applied applied = apply(current, result.get());
                current = applied.row();
                diagnostics = applied.diagnostics();
            }
        }
        List<EventPayload> closing = recorder.sawText() ? List.of()
                : List.of(new EventPayload.AssistantDelta(FallbackText.of(finalText, row.input())));
        RunRow withChanges = current;
        if (changes != null) {
            withChanges = withChanges.withMeasurements(withChanges.usage(), withChanges.metrics().withChanges(changes));
        }
        if (!row.autoApply()) {
            // A comparison attempt: the app's verify command checks it in its sandbox, after its result was taken
            // (what the command writes there, a build's output say, is not part of the attempt).
            // (On a shared server that does not allow commands, one stored before — a migrated desktop's — is not
            // run either.)
            VerifyCommand command = !settings.verifyCommands() ? null : store.db().read(c -> store.apps()
                    .findAnyTenant(c, row.appId())).map(App::verify).orElse(null);
            if (command != null) {
                Optional<VerifyResult> verified = sandboxes.exists(row.id())
                        ? verifyInCompleteSandbox(command, row, base, handle)
                        : Optional.of(new VerifyResult(VerifyResult.NOT_STARTED, null, 0,
                                "The attempt's sandbox is gone (the server stopped after its result was saved)."));
                if (verified.isEmpty()) {
                    // Stopped while it verified: cancelled, or paused by a shutdown (resuming verifies again).
                    settleStopped(handle, load(row.id()), recorder, startedAt);
                    return;
                }
                withChanges = withChanges.withMeasurements(withChanges.usage(),
                        withChanges.metrics().withVerify(verified.get()));
            }
        }
        settle(withChanges, RunStatus.COMPLETED, null, null, recorder, startedAt, diagnostics, closing);
    }

    /**
     * Runs the verify command in the attempt's sandbox once its folder holds every file (a command reads the
     * folder, not the overlay); the time that took is the result's {@code sandbox_fill_ms}.
     */
    private Optional<VerifyResult> verifyInCompleteSandbox(VerifyCommand command, RunRow row, FileSet base,
            RunHandle handle) throws IOException {
        long started = System.nanoTime();
        Path folder;
        try {
            folder = sandboxes.complete(row.id(), base, handle.cancellation::isCancelled);
        } catch (CancellationException e) {
            return Optional.empty();
        } catch (IOException e) {
            // The result is committed already: a folder that cannot be filled is a verify that did not start.
            LOG.log(System.Logger.Level.WARNING, "Run " + row.id() + ": its sandbox could not be completed", e);
            return Optional.of(new VerifyResult(VerifyResult.NOT_STARTED, null, 0,
                    "The attempt's files could not be written out for the command (the server's log says why)."));
        }
        long fillMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return verifier.verify(command, folder, handle.cancellation).map(v -> v.withSandboxFillMs(fillMs));
    }

    /**
     * The sandbox's files, if they changed, as a revision and a checkpoint: both rows, the run's result ids and the
     * {@code revision.created} and {@code checkpoint.created} events in one transaction (ADR 0011).
     */
    private Optional<Result> commitResult(RunRow row, FileSet base, RunRecorder recorder) throws IOException {
        FileSet files = sandboxes.snapshot(row.id(), base);
        if (files.treeHash().equals(base.treeHash())) {
            return Optional.empty();
        }
        Instant now = Timestamps.now();
        String revisionId = UUID.randomUUID().toString();
        String checkpointId = UUID.randomUUID().toString();
        RevisionRow[] created = new RevisionRow[1];
        recorder.commit(List.of(new EventPayload.RevisionCreated(revisionId, files.entryFile(), files.size()),
                new EventPayload.CheckpointCreated(checkpointId, revisionId)), c -> {
                    created[0] = revisions.create(c, revisionId, row.appId(), files, Revisions.SOURCE_RUN,
                            row.baseRevisionId(), row.id(), now);
                    store.checkpoints().insert(c, new Checkpoint(checkpointId, row.id(), row.appId(), revisionId,
                            now));
                    RunRow fresh = store.runs().findById(c, row.id()).orElseThrow();
                    store.runs().update(c, fresh.withResult(revisionId, revisionId));
                    return null;
                });
        return Optional.of(new Result(created[0], files));
    }

    private Result loadResult(RunRow row, Checkpoint checkpoint) {
        return store.db().read(c -> new Result(store.revisions().find(c, row.appId(), checkpoint.revisionId())
                .orElseThrow(() -> new StoreException("Revision of checkpoint " + checkpoint.checkpointId()
                        + " is missing", null)), revisions.load(c, checkpoint.revisionId())));
    }

    /** The run after auto-apply, and the diagnostics its terminal event carries. */
    private record Applied(RunRow row, List<Diagnostic> diagnostics) {
    }

    /**
     * Auto-apply: the draft (and folder) move to the result, or the run says why they did not — a folder that
     * cannot be written also as an {@code APP_FOLDER_WRITE_FAILED} diagnostic of {@code run.completed}.
     */
    private Applied apply(RunRow row, Result result) {
        App app = store.db().read(c -> store.apps().findAnyTenant(c, row.appId())).orElseThrow();
        try {
            Drafts.ApplyOutcome outcome = drafts.applyIfUnchanged(app, row.baseRevisionId(), result.revision(),
                    result.files(), Timestamps.now());
            RunRow applied = switch (outcome) {
                case APPLIED -> row;
                case FOLDER_CHANGED -> row.withWarning(
                        "The app folder changed during the run; the result was kept as a checkpoint");
                case DRAFT_MOVED -> row.withWarning(
                        "The app draft changed during the run; the result was kept as a checkpoint");
            };
            return new Applied(applied, List.of());
        } catch (AppFolderException e) {
            LOG.log(System.Logger.Level.WARNING, "Run " + row.id() + ": " + e.getMessage(), e);
            String warning = "The app folder could not be written, so the result was kept as a checkpoint: "
                    + e.getMessage();
            return new Applied(row.withWarning(warning), List.of(Diagnostic.of(warning, e.code())));
        }
    }

    private void settleStopped(RunHandle handle, RunRow row, RunRecorder recorder, Instant startedAt) {
        if (handle.reason() == RunHandle.StopReason.LEASE_LOST) {
            throw new LeaseLostException(row.id());
        }
        if (handle.reason() == RunHandle.StopReason.PAUSE) {
            // Only a graceful stop pauses a running run from outside (RunSupervisor.pauseAll).
            settle(row.withPauseReason(PauseReason.SERVER_SHUTDOWN.wire()), RunStatus.PAUSED, null, null, recorder,
                    startedAt, List.of());
        } else {
            settle(row, RunStatus.CANCELLED, null, null, recorder, startedAt, List.of());
        }
    }

    private void fail(RunRow row, RunRecorder recorder, Instant startedAt, String code, String message) {
        settle(row, RunStatus.FAILED, message, code, recorder, startedAt, List.of(Diagnostic.of(message, code)));
    }

    private void settle(RunRow row, RunStatus status, String error, String code, RunRecorder recorder,
            Instant startedAt, List<Diagnostic> diagnostics) {
        settle(row, status, error, code, recorder, startedAt, diagnostics, List.of());
    }

    /**
     * Commits the settled run, the {@code closing} events and the terminal event together; adds the assistant turn
     * of a finished run.
     */
    private void settle(RunRow row, RunStatus status, String error, String code, RunRecorder recorder,
            Instant startedAt, List<Diagnostic> diagnostics, List<EventPayload> closing) {
        recorder.flush();
        closing.forEach(recorder::note);
        Instant endedAt = Timestamps.now();
        RunMetrics m = recorder.metrics(Duration.between(startedAt, endedAt).toMillis());
        RunMetrics merged = m.withChanges(row.metrics()).withVerify(row.metrics().verify());
        RunRow settled = row.settled(status, error, code, endedAt).withMeasurements(recorder.usage(), merged)
                .withPauseReason(status == RunStatus.PAUSED ? row.pauseReason() : null);
        List<EventLog.Entry> entries = new ArrayList<>(closing.stream().map(EventLog.Entry::new).toList());
        entries.add(new EventLog.Entry(EventPayload.RunEnded.of(status, RunViews.toRun(settled)), diagnostics));
        // Stamped with the time the segment was measured to: its duration is the span between its own events.
        log.appendAt(settled.id(), settled.appId(), endedAt, entries, c -> {
            store.runs().update(c, settled);
            if (status.isFinal() && settled.chatSessionId() != null
                    && !store.chatSessions().hasTurn(c, settled.id(), "assistant")) {
                store.chatSessions().addTurn(c, settled.chatSessionId(), new ChatTurn(UUID.randomUUID().toString(),
                        settled.id(), "assistant", assistantTurn(status, recorder.text(), error),
                        settled.resolvedModelId(), settled.resolvedModelName(), settled.completedAt()));
            }
            return null;
        });
        if (status == RunStatus.FAILED) {
            // The operator's trace of a failure the run's own error already tells the user.
            LOG.log(System.Logger.Level.INFO, "Run " + settled.id() + " failed (" + code + "): "
                    + recorder.forLog(error));
        }
        if (status.isFinal()) {
            try {
                sandboxes.delete(settled.id());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "Cannot remove the sandbox of run " + settled.id(), e);
            }
        }
    }

    private static String assistantTurn(RunStatus status, String text, String error) {
        if (!text.isBlank()) {
            return text;
        }
        return switch (status) {
            case FAILED -> error == null ? "Run failed." : error;
            case CANCELLED -> "Run cancelled.";
            default -> "";
        };
    }

    private static RunMetrics changeMetrics(List<FileDiff> diff) {
        int added = diff.stream().mapToInt(FileDiff::linesAdded).sum();
        int removed = diff.stream().mapToInt(FileDiff::linesRemoved).sum();
        return new RunMetrics(null, null, 0, 0, 0, 0, diff.size(), added, removed, null, null, null);
    }

    private RunRow load(String runId) {
        return store.db().read(c -> store.runs().findById(c, runId))
                .orElseThrow(() -> new StoreException("Run " + runId + " vanished", null));
    }

    private Optional<ConversationState> loadState(String runId) {
        return store.db().read(c -> store.runStates().load(c, runId)).map(json -> {
            try {
                return Json.mapper().readValue(json, ConversationState.class);
            } catch (JsonProcessingException e) {
                throw new StoreException("Corrupt conversation state of run " + runId, e);
            }
        });
    }

    /** Commits a step: the conversation saved with the events that close it, after every earlier event. */
    private void commitStep(String runId, ConversationState state, List<EventPayload> closing,
            RunRecorder recorder) {
        String json = Json.write(state);
        recorder.commit(closing, c -> {
            store.runStates().save(c, runId, json, Timestamps.now());
            return null;
        });
    }

    private static String contentOf(String eventBody) {
        try {
            return Json.mapper().readTree(eventBody).path("payload").path("content").asText("");
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    /** What the assistant said in the run's earlier segments, from its durable log. */
    private String earlierText(String runId) {
        StringBuilder text = new StringBuilder();
        long after = 0;
        while (true) {
            List<EventRepository.EventRow> page = log.readDurable(runId, after, 500);
            if (page.isEmpty()) {
                return text.toString();
            }
            for (EventRepository.EventRow e : page) {
                if (e.event().equals(EventType.ASSISTANT_DELTA.wire())) {
                    text.append(contentOf(e.body()));
                }
                after = e.seq();
            }
        }
    }
}

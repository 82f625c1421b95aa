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
import dev.builderdesk.protocol.RunMetrics;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.providers.ProviderFactory;
import dev.builderdesk.server.ServerSettings;
import dev.builderdesk.server.events.EventLog;
import dev.builderdesk.server.models.ModelService;
import dev.builderdesk.store.RevisionRepository.RevisionRow;
import dev.builderdesk.store.RunRow;
import dev.builderdesk.store.Store;
import dev.builderdesk.store.StoreException;
import dev.builderdesk.tools.Sandbox;
import dev.builderdesk.workspace.Drafts;
import dev.builderdesk.workspace.FileSet;
import dev.builderdesk.workspace.RevisionDiffs;
import dev.builderdesk.workspace.Revisions;
import dev.builderdesk.workspace.Sandboxes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
        Instant startedAt = Instant.now();
        RunRow running = row.started(Timestamps.now());
        log.append(running.id(), running.appId(), EventType.PLAN_UPDATED,
                new EventPayload.PlanUpdated(resume ? "Coding-agent run resumed" : "Coding-agent run started"),
                List.of(), c -> {
                    store.runs().update(c, running);
                    return null;
                });
        RunRecorder recorder = new RunRecorder(log, store, running, startedAt);
        try {
            if (handle.cancellation.isCancelled()) {
                settleStopped(handle, running, recorder, startedAt);
                return;
            }
            outcome(handle, running, recorder, startedAt, resume);
        } catch (RuntimeException | IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Run " + row.id() + " failed", e);
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            settle(load(row.id()), RunStatus.FAILED, message, ErrorCodes.ENGINE_FAILED, recorder, startedAt,
                    List.of(Diagnostic.of(message, ErrorCodes.ENGINE_FAILED)));
        }
    }

    private void outcome(RunHandle handle, RunRow row, RunRecorder recorder, Instant startedAt, boolean resume)
            throws IOException {
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
        Sandbox sandbox = new Sandbox(sandboxes.materialise(row.id(), base));
        EngineRun run = new EngineRun(row.id(), row.messages(), saved,
                providers.create(target.get().endpoint()), target.get().endpoint(), target.get().providerModelId(),
                sandbox, recorder,
                handle.cancellation, settings.maxToolIterations(), settings.retries(),
                state -> saveState(row.id(), state));
        EngineOutcome outcome = engine.run(run);
        switch (outcome) {
            case EngineOutcome.Completed done -> complete(load(row.id()), base, done.finalText(), recorder,
                    startedAt);
            case EngineOutcome.BudgetReached budget -> settle(load(row.id()), RunStatus.PAUSED, null, null, recorder,
                    startedAt, List.of());
            case EngineOutcome.Stopped stopped -> settleStopped(handle, load(row.id()), recorder, startedAt);
            case EngineOutcome.Failed failed -> fail(load(row.id()), recorder, startedAt, failed.code(),
                    failed.message());
        }
    }

    private void complete(RunRow row, FileSet base, String finalText, RunRecorder recorder, Instant startedAt)
            throws IOException {
        FileSet result = sandboxes.snapshot(row.id());
        RunRow current = row;
        RunMetrics changes = null;
        if (!result.treeHash().equals(base.treeHash())) {
            Instant now = Timestamps.now();
            Checkpoint checkpoint = store.db().write(c -> {
                RevisionRow r = revisions.create(c, row.appId(), result, Revisions.SOURCE_RUN, row.baseRevisionId(),
                        row.id(), now);
                Checkpoint cp = new Checkpoint(UUID.randomUUID().toString(), row.id(), row.appId(), r.id(), now);
                store.checkpoints().insert(c, cp);
                return cp;
            });
            RevisionRow rev = store.db().read(c -> store.revisions().find(c, row.appId(), checkpoint.revisionId()))
                    .orElseThrow();
            current = current.withResult(rev.id(), rev.id());
            recorder.emit(EventType.REVISION_CREATED, new EventPayload.RevisionCreated(rev.id(), rev.entryFile(),
                    rev.fileCount()));
            recorder.emit(EventType.CHECKPOINT_CREATED, new EventPayload.CheckpointCreated(
                    checkpoint.checkpointId(), rev.id()));
            changes = changeMetrics(RevisionDiffs.diff(base, result));
            if (row.autoApply()) {
                App app = store.db().read(c -> store.apps().findAnyTenant(c, row.appId())).orElseThrow();
                switch (drafts.applyIfUnchanged(app, row.baseRevisionId(), rev, result, now)) {
                    case APPLIED -> {
                    }
                    case FOLDER_CHANGED -> current = current.withWarning(
                            "The app folder changed during the run; the result was kept as a checkpoint");
                    case DRAFT_MOVED -> current = current.withWarning(
                            "The app draft changed during the run; the result was kept as a checkpoint");
                }
            }
        }
        if (!recorder.sawText()) {
            recorder.emit(EventType.ASSISTANT_DELTA, new EventPayload.AssistantDelta(
                    FallbackText.of(finalText, row.input())));
        }
        RunRow withChanges = current;
        if (changes != null) {
            RunMetrics m = withChanges.metrics();
            withChanges = withChanges.withMeasurements(withChanges.usage(), new RunMetrics(m.ttftMs(), m.durationMs(),
                    m.modelSteps(), m.toolCalls(), m.toolFailures(), m.retries(), changes.filesChanged(),
                    changes.linesAdded(), changes.linesRemoved()));
        }
        settle(withChanges, RunStatus.COMPLETED, null, null, recorder, startedAt, List.of());
    }

    private void settleStopped(RunHandle handle, RunRow row, RunRecorder recorder, Instant startedAt) {
        RunStatus status = handle.reason() == RunHandle.StopReason.PAUSE ? RunStatus.PAUSED : RunStatus.CANCELLED;
        settle(row, status, null, null, recorder, startedAt, List.of());
    }

    private void fail(RunRow row, RunRecorder recorder, Instant startedAt, String code, String message) {
        settle(row, RunStatus.FAILED, message, code, recorder, startedAt, List.of(Diagnostic.of(message, code)));
    }

    /** Commits the settled run and its terminal event together; adds the assistant turn of a finished run. */
    private void settle(RunRow row, RunStatus status, String error, String code, RunRecorder recorder,
            Instant startedAt, List<Diagnostic> diagnostics) {
        RunMetrics m = recorder.metrics(Duration.between(startedAt, Instant.now()).toMillis());
        RunMetrics merged = new RunMetrics(m.ttftMs(), m.durationMs(), m.modelSteps(), m.toolCalls(),
                m.toolFailures(), m.retries(), row.metrics().filesChanged(), row.metrics().linesAdded(),
                row.metrics().linesRemoved());
        RunRow settled = row.settled(status, error, code, Timestamps.now()).withMeasurements(recorder.usage(), merged);
        log.append(settled.id(), settled.appId(), EventType.terminalFor(status), RunViews.toRun(settled), diagnostics,
                c -> {
                    store.runs().update(c, settled);
                    if (status.isFinal() && settled.chatSessionId() != null
                            && !store.chatSessions().hasTurn(c, settled.id(), "assistant")) {
                        store.chatSessions().addTurn(c, settled.chatSessionId(), new ChatTurn(
                                UUID.randomUUID().toString(), settled.id(), "assistant",
                                assistantTurn(status, recorder.text(), error), settled.resolvedModelId(),
                                settled.resolvedModelName(), settled.completedAt()));
                    }
                    return null;
                });
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
        return new RunMetrics(null, null, 0, 0, 0, 0, diff.size(), added, removed);
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

    private void saveState(String runId, ConversationState state) {
        String json = Json.write(state);
        // A barrier: the step's events are committed no later than the state that says the step happened.
        log.barrier(c -> {
            store.runStates().save(c, runId, json, Timestamps.now());
            return null;
        });
    }
}

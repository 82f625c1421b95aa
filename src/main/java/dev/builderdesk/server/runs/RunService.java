package dev.builderdesk.server.runs;

import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.ChatSession;
import dev.builderdesk.protocol.ChatTurn;
import dev.builderdesk.protocol.CreateRunRequest;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.HistoryMessage;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunMetrics;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.protocol.RunUsage;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.server.ApiError;
import dev.builderdesk.server.ServerSettings;
import dev.builderdesk.server.apps.AppService;
import dev.builderdesk.server.auth.Principal;
import dev.builderdesk.server.auth.Scopes;
import dev.builderdesk.server.events.EventLog;
import dev.builderdesk.server.events.LeaseLostException;
import dev.builderdesk.server.models.ModelService;
import dev.builderdesk.store.RevisionRepository.RevisionRow;
import dev.builderdesk.store.RunRow;
import dev.builderdesk.store.SqlWork;
import dev.builderdesk.store.Store;
import dev.builderdesk.workspace.Drafts;
import dev.builderdesk.workspace.FileSet;
import dev.builderdesk.workspace.Revisions;
import dev.builderdesk.workspace.Sandboxes;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Creates runs and answers the run routes; execution itself is the {@link RunSupervisor}'s. */
public final class RunService {
    public static final String NATIVE = "native";
    public static final String OPENCODE = "opencode";
    private static final System.Logger LOG = System.getLogger(RunService.class.getName());

    private final Store store;
    private final EventLog log;
    private final AppService apps;
    private final ModelService models;
    private final Drafts drafts;
    private final Revisions revisions;
    private final Sandboxes sandboxes;
    private final RunSupervisor supervisor;
    private final EngineAvailability engines;
    private final ServerSettings settings;

    public RunService(Store store, EventLog log, AppService apps, ModelService models, Drafts drafts,
            Revisions revisions, Sandboxes sandboxes, RunSupervisor supervisor, EngineAvailability engines,
            ServerSettings settings) {
        this.store = store;
        this.log = log;
        this.apps = apps;
        this.models = models;
        this.drafts = drafts;
        this.revisions = revisions;
        this.sandboxes = sandboxes;
        this.supervisor = supervisor;
        this.engines = engines;
        this.settings = settings;
    }

    public Run create(Principal who, String appId, CreateRunRequest f) {
        who.require(Scopes.APPS_WRITE);
        check(f);
        App app = apps.require(who, appId);

        if (f.clientMessageId() != null) {
            Optional<RunRow> existing = store.db().read(c ->
                    store.runs().findByClientMessage(c, app.id(), f.chatSessionId(), f.clientMessageId()));
            if (existing.isPresent()) {
                return RunViews.shown(store, existing.get());
            }
        }
        RevisionRow draft = drafts.syncFromFolder(app, Timestamps.now());
        Prepared p = prepare(app, draft, f, UUID.randomUUID().toString());
        RunRow row = insert(p, prepareSandbox(p));
        supervisor.submit(row.id(), false);
        return RunViews.shown(store, row);
    }

    /**
     * Whether runs of {@code engine} need every file of their sandbox on disk. OpenCode works in the folder itself;
     * the native engine works through the tools, which read through to the base revision (ADR 0015).
     */
    static boolean needsCompleteFolder(String engine) {
        return OPENCODE.equals(engine);
    }

    /** One attempt of a comparison: its run id (chosen by the caller), a model (null: Auto) and an engine. */
    public record Attempt(String runId, String modelId, String engine) {
    }

    /**
     * Creates a comparison's attempts on the app's current draft: every attempt is validated before any run exists,
     * the sandboxes are prepared in parallel, and the runs are created in the order given, each with
     * {@code auto_apply:false} and its own thread. {@code createGroup} runs once all are valid, before any run is
     * stored, so the group (and whether it is blind) exists before its first run can be read.
     */
    public List<RunRow> createAttempts(App app, String input, String baseRevisionId, String groupId,
            List<Attempt> attempts, SqlWork<?> createGroup) {
        RevisionRow draft = drafts.syncFromFolder(app, Timestamps.now());
        List<Prepared> prepared = new ArrayList<>();
        for (Attempt a : attempts) {
            prepared.add(prepare(app, draft, new CreateRunRequest(input, a.modelId(), a.engine(), baseRevisionId,
                    null, null, false, groupId, null), a.runId()));
        }
        // Every attempt starts from the same draft: its files are read once and each sandbox is prepared over
        // them; each attempt's preparation time counts that read as well as its own preparation.
        long started = System.nanoTime();
        FileSet base = null;
        RuntimeException loadFailure = null;
        try {
            base = store.db().read(c -> revisions.load(c, draft.id()));
        } catch (RuntimeException e) {
            loadFailure = e;
        }
        FileSet files = base;
        RuntimeException failure = loadFailure;
        List<Prepared.Sandbox> sandboxesReady;
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Prepared.Sandbox>> futures = prepared.stream()
                    .map(p -> pool.submit(() -> failure != null ? prewarmFailed(p, failure)
                            : prepareSandbox(p, files, started))).toList();
            sandboxesReady = new ArrayList<>();
            for (var future : futures) {
                sandboxesReady.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing the sandboxes", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Sandbox preparation failed", e.getCause());
        }
        // The group and all its runs are stored together: a failure leaves no comparison with half its attempts.
        List<RunRow> rows;
        try {
            rows = store.db().write(c -> {
                createGroup.apply(c);
                List<RunRow> made = new ArrayList<>();
                for (int i = 0; i < prepared.size(); i++) {
                    made.add(insertRow(c, prepared.get(i), sandboxesReady.get(i)));
                }
                return made;
            });
        } catch (RuntimeException e) {
            prepared.forEach(p -> discardSandbox(p.runId()));
            throw e;
        }
        for (int i = 0; i < rows.size(); i++) {
            supervisor.ownClaimed(rows.get(i).id());
            accepted(prepared.get(i));
        }
        rows.forEach(r -> supervisor.submit(r.id(), false));
        return rows;
    }

    /** A create request checked against the app, its draft, the models and the engines; nothing is stored yet. */
    private record Prepared(App app, CreateRunRequest fields, RevisionRow draft, String input, Model model,
            String engine, String runId) {
        /** The run's sandbox: how long it took to prepare, or why it could not be. */
        record Sandbox(Long prepMs, String warning) {
        }
    }

    private Prepared prepare(App app, RevisionRow draft, CreateRunRequest f, String runId) {
        if (f.baseRevisionId() != null && !f.baseRevisionId().equals(draft.id())) {
            throw ApiError.coded(409, ErrorCodes.REVISION_CONFLICT, null, "Draft revision is stale",
                    Map.of("latest_revision_id", draft.id(),
                            "latest_updated_at", Timestamps.format(draft.createdAt())));
        }
        String input = f.input().strip();
        if (input.isEmpty()) {
            throw ApiError.badRequest("input is required");
        }
        Model model = models.resolveForRun(app.tenantId(), f.modelId());
        String engine = f.engine() != null ? f.engine() : settings.defaultEngine();
        engines.check(engine, app, models.endpointFor(model.id()).map(ModelService.Target::endpoint));
        return new Prepared(app, f, draft, input, model, engine, runId);
    }

    /**
     * Prepares the sandbox before the run exists, so the first tool call is fast and the preparation time is a
     * measurement of the run; a failure is only a warning (the worker prepares it again).
     */
    private Prepared.Sandbox prepareSandbox(Prepared p) {
        long started = System.nanoTime();
        FileSet files;
        try {
            files = store.db().read(c -> revisions.load(c, p.draft().id()));
        } catch (RuntimeException e) {
            return prewarmFailed(p, e);
        }
        return prepareSandbox(p, files, started);
    }

    /**
     * Prepares the run's sandbox over {@code files} (or writes them all, for an engine that works in the folder
     * itself); the preparation time counts from {@code started}.
     */
    private Prepared.Sandbox prepareSandbox(Prepared p, FileSet files, long started) {
        try {
            if (needsCompleteFolder(p.engine())) {
                sandboxes.materialise(p.runId(), files);
            } else {
                sandboxes.prepare(p.runId(), files);
            }
            return new Prepared.Sandbox(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), null);
        } catch (Exception e) {
            return prewarmFailed(p, e);
        }
    }

    private static Prepared.Sandbox prewarmFailed(Prepared p, Exception e) {
        String warning = "Sandbox prewarm failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
        LOG.log(System.Logger.Level.WARNING, "Run " + p.runId() + ": " + warning);
        return new Prepared.Sandbox(null, warning);
    }

    /** Stores the run, its thread turn and its compare group, then announces it; the caller submits it. */
    private RunRow insert(Prepared p, Prepared.Sandbox sandbox) {
        RunRow row;
        try {
            row = store.db().write(c -> insertRow(c, p, sandbox));
        } catch (RuntimeException e) {
            discardSandbox(p.runId());
            throw e;
        }
        supervisor.ownClaimed(row.id());
        accepted(p);
        return row;
    }

    /** Stores the run, its thread (new, or the one it continues) and its user turn, in the caller's transaction. */
    private RunRow insertRow(Connection c, Prepared p, Prepared.Sandbox sandbox) throws SQLException {
        CreateRunRequest f = p.fields();
        App app = p.app();
        Model model = p.model();
        Instant now = Timestamps.now();
        RunMetrics metrics = sandbox.prepMs() == null ? RunMetrics.EMPTY
                : RunMetrics.EMPTY.withSandboxPrep(sandbox.prepMs());
        List<String> warnings = sandbox.warning() == null ? List.of() : List.of(sandbox.warning());
        String sessionId = f.chatSessionId();
        List<HistoryMessage> prior = f.messages();
        if (sessionId != null) {
            store.chatSessions().find(c, app.id(), sessionId)
                    .orElseThrow(() -> ApiError.notFound("Coding-agent chat session not found"));
            if (prior == null) {
                prior = store.chatSessions().turns(c, sessionId).stream()
                        .map(t -> new HistoryMessage(t.role(), t.content())).toList();
            }
        } else {
            sessionId = UUID.randomUUID().toString();
            store.chatSessions().insert(c, app.id(),
                    new ChatSession(sessionId, titleOf(p.input()), now, now, now));
        }
        List<HistoryMessage> history = ConversationHistory.compact(
                ConversationHistory.normalise(prior == null ? List.of() : prior, p.input()),
                settings.messageBudgetChars());
        if (f.compareGroupId() != null) {
            store.compareGroups().insertIfAbsent(c, app.id(), f.compareGroupId(), p.input(), now);
        }
        boolean autoApply = !Boolean.FALSE.equals(f.autoApply()); // absent: true
        RunRow r = new RunRow(p.runId(), app.id(), RunStatus.QUEUED, p.engine(), p.input(), history,
                p.draft().id(), null, null, f.modelId(), model.id(), model.name(), null, null, sessionId,
                f.compareGroupId(), autoApply, f.clientMessageId(), warnings, RunUsage.NONE, metrics, now,
                null, null, null);
        store.runs().insert(c, r);
        store.chatSessions().addTurn(c, sessionId, new ChatTurn(UUID.randomUUID().toString(), p.runId(),
                "user", p.input(), null, null, now));
        // A new run cannot be held by anyone yet; claimed here, no other instance takes it before it starts.
        supervisor.claim(c, r.id());
        return r;
    }

    /** The run's first event, once the run is stored. */
    private void accepted(Prepared p) {
        log.append(p.runId(), p.app().id(), new EventPayload.RunAccepted(RunStatus.QUEUED.wire(),
                Run.SURFACE, p.engine(), p.fields().modelId(), p.model().id(), p.model().name()), List.of());
    }

    private void discardSandbox(String runId) {
        try {
            sandboxes.delete(runId);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING,
                    "Could not remove the sandbox of run " + runId + " that was not created", e);
        }
    }

    public List<Run> list(Principal who, String appId, int limit, String compareGroupId, String chatSessionId) {
        who.require(Scopes.APPS_READ);
        App app = apps.require(who, appId);
        return store.db().read(c -> store.runs().list(c, app.id(), limit, compareGroupId, chatSessionId)).stream()
                .map(r -> RunViews.shown(store, r)).toList();
    }

    public Run get(Principal who, String appId, String runId) {
        who.require(Scopes.APPS_READ);
        return RunViews.shown(store, require(who, appId, runId));
    }

    /** The stored run of an app, or 404 "Coding-agent run not found". */
    public RunRow require(Principal who, String appId, String runId) {
        App app = apps.require(who, appId);
        return store.db().read(c -> store.runs().find(c, app.id(), runId))
                .orElseThrow(() -> ApiError.notFound("Coding-agent run not found"));
    }

    /** What blind mode hides of the run, if it is an attempt of a blind comparison without a verdict. */
    public Optional<BlindMask> maskOf(RunRow run) {
        if (run.compareGroupId() == null) {
            return Optional.empty();
        }
        return store.db().read(c -> BlindMask.of(c, store, run));
    }

    /** True when no worker will add events to the run unless it is resumed. */
    public boolean isSettled(String runId) {
        return store.db().read(c -> store.runs().findById(c, runId)).map(r -> r.status().isSettled())
                .orElse(true);
    }

    public Run resume(Principal who, String appId, String runId) {
        who.require(Scopes.APPS_WRITE);
        RunRow row = require(who, appId, runId);
        RunRow queued = store.db().write(c -> {
            RunRow fresh = store.runs().findById(c, row.id()).orElseThrow();
            if (fresh.status() != RunStatus.PAUSED) {
                throw ApiError.conflict("Run is not paused");
            }
            if (!supervisor.claim(c, fresh.id())) {
                throw ApiError.conflict("Run is being resumed by another server instance");
            }
            RunRow q = fresh.withStatus(RunStatus.QUEUED);
            store.runs().update(c, q);
            store.leases().clearCancel(c, fresh.id());
            return q;
        });
        supervisor.submit(row.id(), true);
        return RunViews.shown(store, queued);
    }

    public Run cancel(Principal who, String appId, String runId) {
        who.require(Scopes.APPS_WRITE);
        RunRow row = require(who, appId, runId);
        if (row.status().isFinal()) {
            return RunViews.shown(store, row);
        }
        // Whoever executes it: a worker here is stopped; an idle run is cancelled under its lease; a run another
        // instance executes is asked for through the database, that instance's heartbeat stops it. Tried again
        // until the run is final (≤ 10 s): it may change hands, or pause, while this waits.
        Instant deadline = Instant.now().plusSeconds(10);
        boolean asked = false;
        while (true) {
            Optional<RunHandle> handle = supervisor.handle(row.id());
            if (handle.isPresent()) {
                handle.get().stop(RunHandle.StopReason.CANCEL);
                try {
                    handle.get().done.get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "Run " + runId + " did not stop within 10 s");
                }
                return RunViews.shown(store, require(who, appId, runId));
            }
            try {
                Optional<RunRow> idle = supervisor.whileIdle(row.id(), () -> cancelIdle(row.id()));
                if (idle.isPresent()) {
                    return RunViews.shown(store, idle.get());
                }
            } catch (LeaseLostException takenMeanwhile) {
                // Another instance (or a resume here) took the run while it was being cancelled: try again.
            }
            RunRow current = require(who, appId, runId);
            if (current.status().isFinal() || Instant.now().isAfter(deadline)) {
                return RunViews.shown(store, current);
            }
            if (!asked) {
                supervisor.requestCancel(row.id());
                asked = true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return RunViews.shown(store, current);
            }
        }
    }

    /** Cancels a run no worker executes (paused, or queued with its executor gone), under the run's lease. */
    private RunRow cancelIdle(String runId) {
        RunRow current = store.db().read(c -> store.runs().findById(c, runId)).orElseThrow();
        if (current.status().isFinal()) {
            return current;
        }
        RunRow cancelled = current.settled(RunStatus.CANCELLED, null, null, Timestamps.now());
        log.append(runId, current.appId(), new EventPayload.RunCancelled(RunViews.toRun(cancelled)), List.of(), c -> {
            store.runs().update(c, cancelled);
            return null;
        });
        try {
            sandboxes.delete(runId);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot remove the sandbox of run " + runId, e);
        }
        return cancelled;
    }

    /**
     * At startup: runs that a previous process left queued or running are executed again, continuing from their
     * saved conversation state when they have one, so no run is ever left running with nobody executing it; from
     * then on the leases of this instance's runs are kept, and those of dead instances taken over (ADR 0017).
     */
    public int recover() {
        int recovered = supervisor.recover();
        supervisor.keepLeases();
        return recovered;
    }

    /** The values' own bounds, past the body's shape ({@code Bodies.createRun}). */
    private static void check(CreateRunRequest r) {
        String compare = r.compareGroupId();
        String clientMessageId = r.clientMessageId();
        if (compare != null && (compare.isBlank() || compare.length() > 128)) {
            throw ApiError.badRequest("compare_group_id must be 1-128 characters");
        }
        if (clientMessageId != null && (clientMessageId.isBlank() || clientMessageId.length() > 128)) {
            throw ApiError.badRequest("client_message_id must be 1-128 characters");
        }
    }

    /** A thread's title: the first prompt, whitespace collapsed, at most 80 characters. */
    static String titleOf(String input) {
        String collapsed = input.strip().replaceAll("\\s+", " ");
        if (collapsed.isEmpty()) {
            return "New Chat";
        }
        return collapsed.length() <= 80 ? collapsed : collapsed.substring(0, 77) + "...";
    }
}

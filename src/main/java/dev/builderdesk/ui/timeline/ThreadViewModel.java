package dev.builderdesk.ui.timeline;

import dev.builderdesk.client.ClientException;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.RunEvent;
import dev.builderdesk.client.RunStream;
import dev.builderdesk.client.RunStreamListener;
import dev.builderdesk.protocol.ChatSessionDetail;
import dev.builderdesk.protocol.ChatTurn;
import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.EventType;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.protocol.StreamEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The thread shown in the window and the one run it follows. Opening a thread rebuilds its timeline from the runs'
 * durable event logs (newest runs first, older ones when the user scrolls up), through the same reducer as a live
 * run, so a reopened thread shows what was shown live; a server without a durable log falls back to the stored
 * transcript. The followed run is one {@link RunFeed}: showing another thread or app closes it (the run goes on on
 * the server, and coming back re-attaches), and Stop acts on it.
 */
public final class ThreadViewModel implements AutoCloseable {
    static final int FIRST_PAGE = 8;
    static final int OLDER_PAGE = 12;
    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(30);

    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final TimelineViewModel timeline = new TimelineViewModel();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper reconnectAttempt = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper sessionId = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Run> lastRun = new ReadOnlyObjectWrapper<>();
    private RunFeed feed;
    private String appId;
    private int generation;
    private List<String> unloaded = List.of();
    private Map<String, ChatTurn> prompts = Map.of();
    private Map<String, ChatTurn> answers = Map.of();
    private boolean loadingOlder;
    private Consumer<String> runChanged = id -> { };
    private Consumer<List<Diagnostic>> runFailed = d -> { };
    private Consumer<ClientException> streamFailed = e -> { };

    public ThreadViewModel(RunApiClient client, Executor ui, Executor io) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        timeline.onOlderWanted(this::loadOlder);
        loading.subscribe(timeline::setLoading);
    }

    public TimelineViewModel timeline() {
        return timeline;
    }

    /** Whether the followed run is going (Send becomes Stop). */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Whether the thread's history is being read. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The attempt the followed run's stream is retrying (1, 2, …) while it is down; 0 while it streams. */
    public ReadOnlyIntegerProperty reconnectAttemptProperty() {
        return reconnectAttempt.getReadOnlyProperty();
    }

    /** The shown thread's id; null for a new thread (its first run creates it). */
    public ReadOnlyStringProperty sessionIdProperty() {
        return sessionId.getReadOnlyProperty();
    }

    /** The newest run of the shown thread as last read (for the picker's memory of the thread's model). */
    public ReadOnlyObjectProperty<Run> lastRunProperty() {
        return lastRun.getReadOnlyProperty();
    }

    /** Counts the threads shown; a result that started in an older one must not land in this one. */
    public int generation() {
        return generation;
    }

    /** The app the shown thread belongs to. */
    public String appId() {
        return appId;
    }

    /** The run followed now, or null. */
    public String followedRunId() {
        return feed == null ? null : feed.runId();
    }

    /** Told with a run id when a run starts, and again when it settles. */
    public void onRunChanged(Consumer<String> listener) {
        this.runChanged = listener;
    }

    /** Told with the diagnostics when the followed run fails. */
    public void onRunFailed(Consumer<List<Diagnostic>> listener) {
        this.runFailed = listener;
    }

    /** Told when the followed run's stream gave up (the run is gone, or the token was refused). */
    public void onStreamFailed(Consumer<ClientException> listener) {
        this.streamFailed = listener;
    }

    /** A new, empty thread of {@code app}: the next run creates its session. */
    public void newThread(String app) {
        detach();
        generation++;
        appId = app;
        sessionId.set(null);
        lastRun.set(null);
        unloaded = List.of();
        timeline.clear();
        loading.set(false);
    }

    /** A thread whose session the server just created (the first run of a new thread). */
    public void adopt(String session) {
        sessionId.set(session);
    }

    /**
     * Shows a stored thread: reads its transcript and runs, replays the newest runs' event logs off the UI thread,
     * shows them, and re-attaches to the newest run if it is still going.
     */
    public CompletableFuture<Void> open(String app, String session) {
        newThread(app);
        sessionId.set(session);
        loading.set(true);
        int opened = generation;
        return CompletableFuture.supplyAsync(() -> history(app, session), io).handleAsync((history, failure) -> {
            if (opened != generation) {
                return null;
            }
            loading.set(false);
            if (failure != null) {
                return null;
            }
            prompts = history.prompts;
            answers = history.answers;
            unloaded = history.unloaded;
            timeline.prepend(history.turns);
            timeline.setOlderRuns(unloaded.size());
            lastRun.set(history.newest);
            Run active = history.active;
            if (active != null && timeline.turn(active.runId()) == null) {
                RunTurn turn = timeline.startTurn(active.runId(), prompt(active), RunTurn.modelLabel(active));
                attach(app, active.runId(), turn.lastSeq() + 1);
            }
            return null;
        }, ui);
    }

    /** The next older page of runs, replayed and shown above. */
    public CompletableFuture<Void> loadOlder() {
        if (loadingOlder || unloaded.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        loadingOlder = true;
        String app = appId;
        int opened = generation;
        List<String> page = unloaded.subList(Math.max(0, unloaded.size() - OLDER_PAGE), unloaded.size());
        List<String> rest = unloaded.subList(0, unloaded.size() - page.size());
        Map<String, ChatTurn> p = prompts;
        Map<String, ChatTurn> a = answers;
        return CompletableFuture.supplyAsync(() -> replayAll(app, page.stream().map(id -> client.getRun(app, id))
                .toList(), p, a), io).handleAsync((turns, failure) -> {
                    loadingOlder = false;
                    if (opened != generation || failure != null) {
                        return null;
                    }
                    unloaded = List.copyOf(rest);
                    timeline.prepend(turns);
                    timeline.setOlderRuns(unloaded.size());
                    return null;
                }, ui);
    }

    /** A run the composer created in this thread: show its turn and follow it. */
    public void follow(Run run, String prompt) {
        detach();
        if (sessionId.get() == null) {
            sessionId.set(run.chatSessionId());
        }
        lastRun.set(run);
        timeline.startTurn(run.runId(), prompt, RunTurn.modelLabel(run));
        attach(appId, run.runId(), 1);
        runChanged.accept(run.runId());
    }

    /** A paused run was resumed: follow on from the last event shown. */
    public void resumed(Run run) {
        detach();
        RunTurn turn = timeline.turn(run.runId());
        if (turn == null) {
            turn = timeline.startTurn(run.runId(), run.input(), RunTurn.modelLabel(run));
        }
        attach(appId, run.runId(), turn.lastSeq() + 1);
        runChanged.accept(run.runId());
    }

    /** Stop: cancels the followed run on the server; the partial answer stays. */
    public void stop() {
        RunFeed f = feed;
        if (f != null && running.get()) {
            CompletableFuture.runAsync(() -> client.cancelRun(f.appId(), f.runId()), io).exceptionally(e -> null);
        }
    }

    private void attach(String app, String runId, long fromSeq) {
        detach();
        running.set(true);
        reconnectAttempt.set(0);
        feed = new RunFeed(client, ui, app, runId, fromSeq, new RunFeed.Listener() {
            @Override
            public void events(RunFeed f, List<RunEvent> batch) {
                timeline.apply(f.runId(), batch);
                reconnectAttempt.set(0);
                RunEvent last = batch.get(batch.size() - 1);
                if (last.type() == EventType.RUN_PAUSED) {
                    continueIfResumed(f, last.seq());
                }
                if (last.isTerminal()) {
                    running.set(false);
                    if (last.type() == EventType.RUN_FAILED) {
                        runFailed.accept(last.diagnostics());
                    }
                    runChanged.accept(f.runId());
                }
            }

            @Override
            public void reconnecting(RunFeed f, int attempt) {
                reconnectAttempt.set(attempt);
            }

            @Override
            public void failed(RunFeed f, ClientException error) {
                running.set(false);
                reconnectAttempt.set(0);
                streamFailed.accept(error);
            }
        });
    }

    /**
     * A stream ends at the first terminal event, and a paused run's {@code run.paused} is one; if the run was
     * resumed meanwhile (elsewhere, or before this window re-attached), follow its continuation.
     */
    private void continueIfResumed(RunFeed f, long pausedSeq) {
        CompletableFuture.supplyAsync(() -> client.getRun(f.appId(), f.runId()), io).thenAcceptAsync(run -> {
            if (feed == f && !status(run).isSettled()) {
                detach();
                attach(f.appId(), f.runId(), pausedSeq + 1);
            }
        }, ui).exceptionally(e -> null);
    }

    /** Stops following without touching the run. */
    private void detach() {
        if (feed != null) {
            feed.close();
            feed = null;
        }
        running.set(false);
        reconnectAttempt.set(0);
    }

    private String prompt(Run run) {
        ChatTurn turn = prompts.get(run.runId());
        return turn != null ? turn.content() : run.input() == null ? "" : run.input();
    }

    /** What a thread's first screen needs, read off the UI thread. */
    private record History(List<RunTurn> turns, List<String> unloaded, Run newest, Run active,
            Map<String, ChatTurn> prompts, Map<String, ChatTurn> answers) {
    }

    private History history(String app, String session) {
        ChatSessionDetail detail = client.chatSession(app, session);
        Map<String, ChatTurn> userTurns = new LinkedHashMap<>();
        Map<String, ChatTurn> assistantTurns = new HashMap<>();
        for (ChatTurn t : detail.messages()) {
            if (t.runId() == null) {
                continue;
            }
            if (t.role().equals("user")) {
                userTurns.putIfAbsent(t.runId(), t);
            } else if (t.role().equals("assistant")) {
                assistantTurns.put(t.runId(), t);
            }
        }
        List<Run> recent = client.listRuns(app, FIRST_PAGE, null, session);
        List<String> order = new ArrayList<>(userTurns.keySet());
        for (Run r : recent.reversed()) {
            if (!order.contains(r.runId())) {
                order.add(r.runId());
            }
        }
        Map<String, Run> byId = new HashMap<>();
        recent.forEach(r -> byId.put(r.runId(), r));
        int firstShown = Math.max(0, order.size() - FIRST_PAGE);
        List<Run> page = new ArrayList<>();
        for (String id : order.subList(firstShown, order.size())) {
            page.add(byId.containsKey(id) ? byId.get(id) : client.getRun(app, id));
        }
        Run newest = page.isEmpty() ? null : page.get(page.size() - 1);
        Run active = newest != null && !status(newest).isSettled() ? newest : null;
        List<Run> settled = active == null ? page : page.subList(0, page.size() - 1);
        return new History(replayAll(app, settled, userTurns, assistantTurns), List.copyOf(order.subList(0,
                firstShown)), newest, active, userTurns, assistantTurns);
    }

    /** Replays several runs' logs at once (each on its own stream), in the runs' order. */
    private List<RunTurn> replayAll(String app, List<Run> runs, Map<String, ChatTurn> userTurns,
            Map<String, ChatTurn> assistantTurns) {
        List<CompletableFuture<RunTurn>> futures = runs.stream().map(run -> CompletableFuture.supplyAsync(() -> {
            ChatTurn prompt = userTurns.get(run.runId());
            List<RunEvent> events = replay(app, run);
            if (events.isEmpty()) {
                events = transcript(app, run, assistantTurns.get(run.runId()));
            }
            return timeline.replayed(run.runId(), prompt != null ? prompt.content()
                    : run.input() == null ? "" : run.input(), RunTurn.modelLabel(run), events);
        }, io)).toList();
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /** A settled run's whole event log; a paused run that was resumed since is read segment by segment. */
    private List<RunEvent> replay(String app, Run run) {
        List<RunEvent> events = new ArrayList<>();
        long from = 1;
        while (true) {
            List<RunEvent> segment = new CopyOnWriteArrayList<>();
            try (RunStream stream = client.stream(app, run.runId(), from, new RunStreamListener() {
                @Override
                public void onEvent(RunEvent event) {
                    segment.add(event);
                }
            })) {
                if (!stream.await(REPLAY_TIMEOUT)) {
                    return events;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return events;
            }
            long after = from - 1;
            // A stream that had nothing new ends with the run's own status, at an old seq: not an event of the log.
            List<RunEvent> fresh = segment.stream().filter(e -> e.seq() > after).toList();
            if (fresh.isEmpty()) {
                return events;
            }
            events.addAll(fresh);
            RunEvent last = fresh.get(fresh.size() - 1);
            if (last.type() != EventType.RUN_PAUSED) {
                return events;
            }
            // A stream ends at the first terminal event; a paused run may have been resumed (and paused again).
            from = last.seq() + 1;
        }
    }

    /** For a server without a durable log: the stored answer as the run's one text, and how the run ended. */
    private static List<RunEvent> transcript(String app, Run run, ChatTurn answer) {
        List<RunEvent> events = new ArrayList<>();
        if (answer != null && !answer.content().isBlank()) {
            events.add(new RunEvent(envelope(app, run, EventType.ASSISTANT_DELTA, 1),
                    new EventPayload.AssistantDelta(answer.content())));
        }
        RunStatus status = status(run);
        if (status.isSettled()) {
            EventPayload.RunEnded end = EventPayload.RunEnded.of(status, run);
            List<Diagnostic> why = run.error() == null ? List.of() : List.of(Diagnostic.of(run.error(), null));
            events.add(new RunEvent(new StreamEvent(end.type().wire(), run.runId(), app, events.size() + 1, null,
                    "run", null, why), end));
        }
        return events;
    }

    private static StreamEvent envelope(String app, Run run, EventType type, long seq) {
        return new StreamEvent(type.wire(), run.runId(), app, seq, null, type.stage(), null, List.of());
    }

    private static RunStatus status(Run run) {
        try {
            return RunStatus.fromWire(run.status());
        } catch (IllegalArgumentException | NullPointerException e) {
            return RunStatus.FAILED;
        }
    }

    @Override
    public void close() {
        detach();
        generation++;
    }
}

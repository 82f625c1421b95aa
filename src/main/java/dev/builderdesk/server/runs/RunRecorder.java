package dev.builderdesk.server.runs;

import dev.builderdesk.engine.EventSink;
import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.RunMetrics;
import dev.builderdesk.protocol.RunUsage;
import dev.builderdesk.server.events.EventLog;
import dev.builderdesk.store.RunRow;
import dev.builderdesk.store.SqlWork;
import dev.builderdesk.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The event sink of one run segment: appends every event to the log and derives the run's measurements from
 * what passes through (first token time, tool calls and failures, token totals), persisting them with the
 * {@code usage.updated} event that changed them.
 */
final class RunRecorder implements EventSink {
    private final EventLog log;
    private final Store store;
    private final String runId;
    private final String appId;
    private final Instant startedAt;
    private final StringBuilder text = new StringBuilder();
    private volatile boolean sawText;
    private Long ttftMs;
    private int modelSteps;
    private int toolCalls;
    private int toolFailures;
    private int toolFailuresRecovered;
    /** Tool failures since the last tool call that succeeded: recovered by the next one, or by completing. */
    private int failuresSinceSuccess;
    private int retries;
    private RunUsage usage;
    private final RunMetrics base;
    /** Set for an attempt of a blind comparison: its answer is stored in pieces that never split a model's name. */
    private final BlindMask mask;
    private final StringBuilder heldText = new StringBuilder();
    private final List<Diagnostic> heldDiagnostics = new ArrayList<>();

    RunRecorder(EventLog log, Store store, RunRow row, Instant startedAt) {
        this(log, store, row, startedAt, null);
    }

    RunRecorder(EventLog log, Store store, RunRow row, Instant startedAt, BlindMask mask) {
        this.mask = mask;
        this.log = log;
        this.store = store;
        this.runId = row.id();
        this.appId = row.appId();
        this.startedAt = startedAt;
        this.base = row.metrics();
        this.usage = row.usage();
        this.ttftMs = row.metrics().ttftMs();
        this.modelSteps = row.metrics().modelSteps();
        this.toolCalls = row.metrics().toolCalls();
        this.toolFailures = row.metrics().toolFailures();
        this.toolFailuresRecovered = row.metrics().toolFailuresRecovered() == null ? 0
                : row.metrics().toolFailuresRecovered();
        this.failuresSinceSuccess = toolFailures - toolFailuresRecovered;
        this.retries = row.metrics().retries();
    }

    /** {@code text} as a log may hold it: a blind attempt's without the names of its model. */
    String forLog(String text) {
        return mask == null || text == null ? text : mask.scrub(text);
    }

    @Override
    public synchronized void emit(EventPayload payload, List<Diagnostic> diagnostics) {
        if (mask != null && payload instanceof EventPayload.AssistantDelta d) {
            observe(payload);
            heldText.append(d.content());
            heldDiagnostics.addAll(diagnostics);
            int cut = mask.safeCut(heldText.toString());
            if (cut > 0) {
                String piece = heldText.substring(0, cut);
                heldText.delete(0, cut);
                log.append(runId, appId, new EventPayload.AssistantDelta(piece), takeHeldDiagnostics());
            }
            return;
        }
        releaseHeldText();
        if (observe(payload)) {
            appendWithMeasurements(List.of(new EventLog.Entry(payload, diagnostics)), null);
        } else {
            log.append(runId, appId, payload, diagnostics);
        }
    }

    /**
     * Appends events together with {@code alsoInTransaction} (measurements included) as one transaction, and waits
     * for it: what the work records and the events that announce it are durable together or not at all.
     */
    synchronized void commit(List<EventPayload> payloads, SqlWork<?> alsoInTransaction) {
        releaseHeldText();
        payloads.forEach(this::observe);
        appendWithMeasurements(payloads.stream().map(EventLog.Entry::new).toList(), alsoInTransaction);
    }

    /** Text held back because it could have begun a model's name: any other event ends the text, so it goes now. */
    private void releaseHeldText() {
        if (!heldText.isEmpty()) {
            String rest = heldText.toString();
            heldText.setLength(0);
            log.append(runId, appId, new EventPayload.AssistantDelta(rest), takeHeldDiagnostics());
        }
    }

    private List<Diagnostic> takeHeldDiagnostics() {
        List<Diagnostic> taken = List.copyOf(heldDiagnostics);
        heldDiagnostics.clear();
        return taken;
    }

    /** Stores any text still held back (before the caller appends an event of its own). */
    synchronized void flush() {
        releaseHeldText();
    }

    /**
     * Adds what an earlier segment of the run said (a resumed or recovered run): the fallback text and the
     * assistant's turn then cover the whole run, not only this segment.
     */
    synchronized void seedText(String earlierText) {
        text.insert(0, earlierText);
        if (!earlierText.isBlank()) {
            sawText = true;
        }
    }

    /** Takes account of an event the caller appends itself (in its own transaction). */
    synchronized void note(EventPayload payload) {
        observe(payload);
    }

    /** Updates the measurements; true when they are stored with the event (token totals changed). */
    private boolean observe(EventPayload payload) {
        switch (payload) {
            case EventPayload.AssistantDelta d -> observeText(d.content());
            case EventPayload.ToolCompleted t -> {
                toolCalls++;
                recoverFailures();
            }
            case EventPayload.ProviderRetry r -> retries++;
            case EventPayload.ToolFailed t -> {
                toolCalls++;
                toolFailures++;
                failuresSinceSuccess++;
            }
            case EventPayload.UsageUpdated u -> {
                usage = new RunUsage(u.inputTokens(), u.outputTokens());
                modelSteps = u.modelSteps();
                return true;
            }
            case EventPayload.RunAccepted a -> { }
            case EventPayload.PlanUpdated p -> { }
            case EventPayload.ToolStarted t -> { }
            case EventPayload.RevisionCreated r -> { }
            case EventPayload.CheckpointCreated c -> { }
            case EventPayload.RunError e -> { }
            case EventPayload.RunEnded e -> { }
            case EventPayload.Unrecognised u -> { }
        }
        return false;
    }

    /** The tool failures so far were got past: a later call succeeded, or the run completed after them. */
    synchronized void recoverFailures() {
        toolFailuresRecovered += failuresSinceSuccess;
        failuresSinceSuccess = 0;
    }

    private void observeText(String content) {
        text.append(content);
        if (!content.isBlank()) {
            sawText = true;
            if (ttftMs == null) {
                ttftMs = Duration.between(startedAt, Instant.now()).toMillis();
            }
        }
    }

    /** Stores the measurements so far on the run in the events' own transaction, with any other work. */
    private void appendWithMeasurements(List<EventLog.Entry> entries, SqlWork<?> alsoInTransaction) {
        RunUsage u = usage;
        RunMetrics m = metrics(null);
        log.append(runId, appId, entries, c -> {
            if (alsoInTransaction != null) {
                alsoInTransaction.apply(c);
            }
            Optional<RunRow> row = store.runs().findById(c, runId);
            if (row.isPresent()) {
                store.runs().update(c, row.get().withMeasurements(u, m));
            }
            return null;
        });
    }

    boolean sawText() {
        return sawText;
    }

    synchronized String text() {
        return text.toString();
    }

    synchronized RunUsage usage() {
        return usage;
    }

    /**
     * The measurements so far. The duration is summed over the run's segments: the earlier segments' total (what
     * the run had when this segment started) plus {@code segmentMs}, this segment's time once it settles, or
     * nothing while it still runs (the stored total then stays that of the earlier segments).
     */
    synchronized RunMetrics metrics(Long segmentMs) {
        Long earlier = base.durationMs();
        Long total = earlier;
        if (segmentMs != null) {
            total = (earlier == null ? 0L : earlier) + segmentMs;
        }
        return new RunMetrics(ttftMs, total, modelSteps, toolCalls, toolFailures, retries,
                base.filesChanged(), base.linesAdded(), base.linesRemoved(), base.verify(), base.sandboxPrepMs(),
                toolFailuresRecovered);
    }
}

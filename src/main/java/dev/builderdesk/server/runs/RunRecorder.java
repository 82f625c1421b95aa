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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The event sink of one run segment: appends every event to the log and derives the run's measurements from
 * what passes through (first token time, tool calls and failures, token totals), persisting them with the
 * {@code usage.updated} event that changed them.
 */
final class RunRecorder implements EventSink {
    /** A key's shape: "sk-…"-like prefixes, or 20+ letters and digits mixed in one word (no plain word is). */
    private static final Pattern KEY_LIKE = Pattern.compile("(?i)\\b(?:sk|pk|rk|gsk|xai|key)[-_][A-Za-z0-9_*.-]{4,}"
            + "|\\b(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{20,}");
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
    /** The tool and the path of each call under way, by span: a failure is recovered by a like call. */
    private final Map<String, ToolTarget> calls = new HashMap<>();
    /** This segment's failures not got past yet. */
    private final List<ToolTarget> unrecovered = new ArrayList<>();
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
        this.retries = row.metrics().retries();
    }

    /**
     * {@code text} as a log may hold it: without what looks like a key (providers quote part of a rejected one) and,
     * for a blind attempt, without the names of its model.
     */
    String forLog(String text) {
        if (text == null) {
            return null;
        }
        String keyless = KEY_LIKE.matcher(text).replaceAll("[redacted]");
        return mask == null ? keyless : mask.scrub(keyless);
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
                ToolTarget done = target(t.tool(), t.spanId());
                int before = unrecovered.size();
                unrecovered.removeIf(failed -> failed.recoveredBy(done));
                toolFailuresRecovered += before - unrecovered.size();
            }
            case EventPayload.ProviderRetry r -> retries++;
            case EventPayload.ToolFailed t -> {
                toolCalls++;
                toolFailures++;
                unrecovered.add(target(t.tool(), t.spanId()));
            }
            case EventPayload.UsageUpdated u -> {
                usage = new RunUsage(u.inputTokens(), u.outputTokens());
                modelSteps = u.modelSteps();
                return true;
            }
            case EventPayload.RunAccepted a -> { }
            case EventPayload.PlanUpdated p -> { }
            case EventPayload.ToolStarted t -> calls.put(t.spanId(), new ToolTarget(t.tool(),
                    t.input() == null ? null : t.input().path("path").asText(null)));
            case EventPayload.RevisionCreated r -> { }
            case EventPayload.CheckpointCreated c -> { }
            case EventPayload.RunError e -> { }
            case EventPayload.RunEnded e -> { }
            case EventPayload.Unrecognised u -> { }
        }
        return false;
    }

    private ToolTarget target(String tool, String spanId) {
        ToolTarget started = spanId == null ? null : calls.remove(spanId);
        return started != null ? started : new ToolTarget(tool, null);
    }

    /**
     * A tool call's tool and the path it acted on (null: none). A failure on a path is recovered by a later call on
     * that path that succeeds, whatever its tool (a read of a missing file, then its write; a patch that did not
     * apply, then one that did); a failure of a call without a path, by a later call of the same tool that works.
     */
    private record ToolTarget(String tool, String path) {
        boolean recoveredBy(ToolTarget success) {
            return path != null ? path.equals(success.path()) : Objects.equals(tool, success.tool());
        }
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

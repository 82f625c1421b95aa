package dev.builderdesk.server.runs;

import dev.builderdesk.engine.EventSink;
import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.EventType;
import dev.builderdesk.protocol.RunMetrics;
import dev.builderdesk.protocol.RunUsage;
import dev.builderdesk.server.events.EventLog;
import dev.builderdesk.store.RunRow;
import dev.builderdesk.store.Store;
import java.time.Duration;
import java.time.Instant;
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
    private int retries;
    private RunUsage usage;
    private final RunMetrics base;

    RunRecorder(EventLog log, Store store, RunRow row, Instant startedAt) {
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
        this.retries = row.metrics().retries();
    }

    @Override
    public synchronized void emit(EventType type, EventPayload payload, List<Diagnostic> diagnostics) {
        switch (type) {
            case ASSISTANT_DELTA -> observeText(((EventPayload.AssistantDelta) payload).content());
            case TOOL_COMPLETED -> toolCalls++;
            case PROVIDER_RETRY -> retries++;
            case TOOL_FAILED -> {
                toolCalls++;
                toolFailures++;
            }
            case USAGE_UPDATED -> {
                var u = (EventPayload.UsageUpdated) payload;
                usage = new RunUsage(u.inputTokens(), u.outputTokens());
                modelSteps = u.modelSteps();
                appendWithMeasurements(type, payload, diagnostics);
                return;
            }
            default -> {
            }
        }
        log.append(runId, appId, type, payload, diagnostics);
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

    /** Token totals change with this event: store them on the run in the event's own transaction. */
    private void appendWithMeasurements(EventType type, EventPayload payload, List<Diagnostic> diagnostics) {
        RunUsage u = usage;
        RunMetrics m = metrics(null);
        log.append(runId, appId, type, payload, diagnostics, c -> {
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

    /** The measurements so far; {@code durationMs} is set when the run settles. */
    synchronized RunMetrics metrics(Long durationMs) {
        return new RunMetrics(ttftMs, durationMs, modelSteps, toolCalls, toolFailures, retries,
                base.filesChanged(), base.linesAdded(), base.linesRemoved());
    }
}

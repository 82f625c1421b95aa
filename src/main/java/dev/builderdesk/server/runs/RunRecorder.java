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
    }

    @Override
    public synchronized void emit(EventType type, EventPayload payload, List<Diagnostic> diagnostics) {
        switch (payload) {
            case EventPayload.AssistantDelta d when !d.content().isBlank() -> {
                sawText = true;
                if (ttftMs == null) {
                    ttftMs = Duration.between(startedAt, Instant.now()).toMillis();
                }
            }
            case EventPayload.UsageUpdated u -> {
                usage = new RunUsage(u.inputTokens(), u.outputTokens());
                modelSteps = u.modelSteps();
            }
            default -> {
            }
        }
        if (payload instanceof EventPayload.AssistantDelta d) {
            text.append(d.content());
        }
        if (type == EventType.TOOL_COMPLETED || type == EventType.TOOL_FAILED) {
            toolCalls++;
            if (type == EventType.TOOL_FAILED) {
                toolFailures++;
            }
        }
        if (type == EventType.USAGE_UPDATED) {
            RunUsage u = usage;
            RunMetrics m = metrics(null);
            log.append(runId, appId, type, payload, diagnostics, c -> {
                store.runs().findById(c, runId).ifPresent(r -> {
                    try {
                        store.runs().update(c, r.withMeasurements(u, m));
                    } catch (java.sql.SQLException e) {
                        throw new dev.builderdesk.store.StoreException("Cannot save run metrics", e);
                    }
                });
                return null;
            });
        } else {
            log.append(runId, appId, type, payload, diagnostics);
        }
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
        return new RunMetrics(ttftMs, durationMs, modelSteps, toolCalls, toolFailures, base.retries(),
                base.filesChanged(), base.linesAdded(), base.linesRemoved());
    }
}

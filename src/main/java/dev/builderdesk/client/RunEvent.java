package dev.builderdesk.client;

import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.StreamEvent;
import java.util.List;

/**
 * One event of a run stream, typed, after normalisation: the same timeline whether the server is ours or the
 * original platform (whose paused runs end with {@code run.completed}, cancelled ones with {@code run.failed}, and
 * whose {@code run.failed} may come mid-stream). {@link #envelope()} is the normalised envelope ({@code event} is
 * the normalised name, e.g. {@code run.paused}, {@code run.error}).
 */
public sealed interface RunEvent {
    /** The normalised envelope: event name, ids, seq, time, stage, raw payload and diagnostics. */
    StreamEvent envelope();

    /** The run's durable sequence number (for the original platform: the client's own count). */
    default long seq() {
        return envelope().seq();
    }

    /** True for the four events that end a run's stream; exactly one reaches a listener. */
    default boolean isTerminal() {
        return false;
    }

    /** {@code run.accepted}: the run exists and which model it got. */
    record Accepted(StreamEvent envelope, EventPayload.RunAccepted payload) implements RunEvent {
    }

    /** {@code plan.updated}. */
    record PlanUpdated(StreamEvent envelope, String summary) implements RunEvent {
    }

    /** {@code assistant.delta}: more of the assistant's text. */
    record AssistantDelta(StreamEvent envelope, String content) implements RunEvent {
    }

    /** {@code tool.started}. */
    record ToolStarted(StreamEvent envelope, EventPayload.ToolStarted payload) implements RunEvent {
    }

    /** {@code tool.completed}. */
    record ToolCompleted(StreamEvent envelope, EventPayload.ToolFinished payload) implements RunEvent {
    }

    /** {@code tool.failed} with its diagnostics ({@code code}, {@code field}, {@code fields}, refresh window...). */
    record ToolFailed(StreamEvent envelope, EventPayload.ToolFinished payload, List<Diagnostic> diagnostics)
            implements RunEvent {
    }

    /** {@code provider.retry}: a retryable provider failure and when the next attempt starts. */
    record ProviderRetry(StreamEvent envelope, EventPayload.ProviderRetry payload) implements RunEvent {
    }

    /** {@code usage.updated}: running token totals. */
    record UsageUpdated(StreamEvent envelope, EventPayload.UsageUpdated payload) implements RunEvent {
    }

    /** {@code revision.created}. */
    record RevisionCreated(StreamEvent envelope, EventPayload.RevisionCreated payload) implements RunEvent {
    }

    /** {@code checkpoint.created}. */
    record CheckpointCreated(StreamEvent envelope, EventPayload.CheckpointCreated payload) implements RunEvent {
    }

    /** {@code run.error}: a failure reported mid-stream that did not end the run (original platform). */
    record RunError(StreamEvent envelope, List<Diagnostic> diagnostics) implements RunEvent {
    }

    /** {@code run.completed}. */
    record Completed(StreamEvent envelope, Run run) implements RunEvent {
        @Override
        public boolean isTerminal() {
            return true;
        }
    }

    /** {@code run.failed}, with the failure's diagnostics ({@code code} e.g. {@code PROVIDER_AUTH_FAILED}). */
    record Failed(StreamEvent envelope, Run run, List<Diagnostic> diagnostics) implements RunEvent {
        @Override
        public boolean isTerminal() {
            return true;
        }
    }

    /** {@code run.cancelled}; partial text stays as it was streamed. */
    record Cancelled(StreamEvent envelope, Run run) implements RunEvent {
        @Override
        public boolean isTerminal() {
            return true;
        }
    }

    /** {@code run.paused}: the run can be resumed. */
    record Paused(StreamEvent envelope, Run run) implements RunEvent {
        @Override
        public boolean isTerminal() {
            return true;
        }
    }

    /** An event this client does not know (a newer server); passed on, never fatal. */
    record Unknown(StreamEvent envelope) implements RunEvent {
    }
}

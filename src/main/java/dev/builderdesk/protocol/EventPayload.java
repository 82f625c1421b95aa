package dev.builderdesk.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The typed payloads of stream events, one record per {@link EventType}: each knows its type, so an event is
 * written as its payload alone and read by looking its type up ({@link EventType#payloadType()}). Consumers
 * switch over this sealed hierarchy exhaustively, so a new event kind is a compile error wherever it must be
 * handled, never a silent drop. Terminal events carry the {@link Run} object itself as their payload.
 */
public sealed interface EventPayload {
    /** The event this payload belongs to. */
    EventType type();

    /** Payload of {@code run.accepted}, the first event of a run. */
    record RunAccepted(String status, String surface, String engine, String requestedModelId, String resolvedModelId,
            String modelName) implements EventPayload {
        @Override
        public EventType type() {
            return EventType.RUN_ACCEPTED;
        }
    }

    /** Payload of {@code plan.updated}. */
    record PlanUpdated(String summary) implements EventPayload {
        @Override
        public EventType type() {
            return EventType.PLAN_UPDATED;
        }
    }

    /** Payload of {@code assistant.delta}: a piece of the assistant's text. */
    record AssistantDelta(String content) implements EventPayload {
        public AssistantDelta {
            content = content == null ? "" : content;
        }

        @Override
        public EventType type() {
            return EventType.ASSISTANT_DELTA;
        }
    }

    /** Payload of {@code tool.started}: the function name, the call's span id and its input as given. */
    record ToolStarted(String tool, String spanId, JsonNode input) implements EventPayload {
        @Override
        public EventType type() {
            return EventType.TOOL_STARTED;
        }
    }

    /** What {@code tool.completed} and {@code tool.failed} share: the tool's whole output envelope. */
    sealed interface ToolFinished extends EventPayload {
        String tool();

        String spanId();

        JsonNode output();

        long durationMs();
    }

    /** Payload of {@code tool.completed}. */
    record ToolCompleted(String tool, String spanId, JsonNode output, long durationMs) implements ToolFinished {
        @Override
        public EventType type() {
            return EventType.TOOL_COMPLETED;
        }
    }

    /** Payload of {@code tool.failed}; the reasons are the envelope's diagnostics. */
    record ToolFailed(String tool, String spanId, JsonNode output, long durationMs) implements ToolFinished {
        @Override
        public EventType type() {
            return EventType.TOOL_FAILED;
        }
    }

    /** Payload of {@code provider.retry}: a retryable provider failure and when the next attempt starts. */
    record ProviderRetry(int attempt, int maxAttempts, Instant nextAt, String message, Integer statusCode)
            implements EventPayload {
        @Override
        public EventType type() {
            return EventType.PROVIDER_RETRY;
        }
    }

    /** Payload of {@code usage.updated}: running token totals. */
    record UsageUpdated(long inputTokens, long outputTokens, int modelSteps) implements EventPayload {
        @Override
        public EventType type() {
            return EventType.USAGE_UPDATED;
        }
    }

    /** Payload of {@code revision.created}. */
    record RevisionCreated(String revisionId, String entryFile, int fileCount) implements EventPayload {
        @Override
        public EventType type() {
            return EventType.REVISION_CREATED;
        }
    }

    /** Payload of {@code checkpoint.created}. */
    record CheckpointCreated(String checkpointId, String revisionId) implements EventPayload {
        @Override
        public EventType type() {
            return EventType.CHECKPOINT_CREATED;
        }
    }

    /**
     * Payload of {@code run.error}: a failure reported mid-stream that did not end the run. Only clients make it
     * (from the original platform's {@code run.failed} followed by more events); the reasons are the diagnostics.
     */
    record RunError() implements EventPayload {
        @Override
        public EventType type() {
            return EventType.RUN_ERROR;
        }
    }

    /**
     * The four terminal events: the run as it settled. On the wire the payload is the run object itself; a server
     * that sends something else (the original platform, at times) gives a null run, and the event still ends the
     * stream.
     */
    sealed interface RunEnded extends EventPayload {
        Run run();

        /** The terminal payload for a run that settled in {@code status} (queued/running count as failed). */
        static RunEnded of(RunStatus status, Run run) {
            return switch (status) {
                case COMPLETED -> new RunCompleted(run);
                case CANCELLED -> new RunCancelled(run);
                case PAUSED -> new RunPaused(run);
                case FAILED, QUEUED, RUNNING -> new RunFailed(run);
            };
        }
    }

    /** Payload of {@code run.completed}. */
    record RunCompleted(@JsonValue Run run) implements RunEnded {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public RunCompleted {
        }

        @Override
        public EventType type() {
            return EventType.RUN_COMPLETED;
        }
    }

    /** Payload of {@code run.failed}; the reasons are the diagnostics. */
    record RunFailed(@JsonValue Run run) implements RunEnded {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public RunFailed {
        }

        @Override
        public EventType type() {
            return EventType.RUN_FAILED;
        }
    }

    /** Payload of {@code run.cancelled}. */
    record RunCancelled(@JsonValue Run run) implements RunEnded {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public RunCancelled {
        }

        @Override
        public EventType type() {
            return EventType.RUN_CANCELLED;
        }
    }

    /** Payload of {@code run.paused}: the run can be resumed. */
    record RunPaused(@JsonValue Run run) implements RunEnded {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public RunPaused {
        }

        @Override
        public EventType type() {
            return EventType.RUN_PAUSED;
        }
    }

    /** An event this build does not know (from a newer server): kept as read, passed on, never fatal. */
    record Unrecognised(@JsonValue JsonNode raw) implements EventPayload {
        @Override
        public EventType type() {
            return EventType.UNRECOGNISED;
        }
    }
}

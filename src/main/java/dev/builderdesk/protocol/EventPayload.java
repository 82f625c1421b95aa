package dev.builderdesk.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The typed payloads of stream events. Terminal events carry the {@link Run} object itself.
 */
public sealed interface EventPayload permits EventPayload.RunAccepted, EventPayload.PlanUpdated,
        EventPayload.AssistantDelta, EventPayload.ToolStarted, EventPayload.ToolFinished, EventPayload.ProviderRetry,
        EventPayload.UsageUpdated, EventPayload.RevisionCreated, EventPayload.CheckpointCreated, Run {

    /** Payload of {@code run.accepted}, the first event of a run. */
    record RunAccepted(String status, String surface, String engine, String requestedModelId, String resolvedModelId,
            String modelName) implements EventPayload {
    }

    /** Payload of {@code plan.updated}. */
    record PlanUpdated(String summary) implements EventPayload {
    }

    /** Payload of {@code assistant.delta}: a piece of the assistant's text. */
    record AssistantDelta(String content) implements EventPayload {
    }

    /** Payload of {@code tool.started}: the function name, the call's span id and its input as given. */
    record ToolStarted(String tool, String spanId, JsonNode input) implements EventPayload {
    }

    /** Payload of {@code tool.completed} and {@code tool.failed}: the tool's whole output envelope. */
    record ToolFinished(String tool, String spanId, JsonNode output, long durationMs) implements EventPayload {
    }

    /** Payload of {@code provider.retry}: a retryable provider failure and when the next attempt starts. */
    record ProviderRetry(int attempt, int maxAttempts, Instant nextAt, String message, Integer statusCode)
            implements EventPayload {
    }

    /** Payload of {@code usage.updated}: running token totals. */
    record UsageUpdated(long inputTokens, long outputTokens, int modelSteps) implements EventPayload {
    }

    /** Payload of {@code revision.created}. */
    record RevisionCreated(String revisionId, String entryFile, int fileCount) implements EventPayload {
    }

    /** Payload of {@code checkpoint.created}. */
    record CheckpointCreated(String checkpointId, String revisionId) implements EventPayload {
    }
}

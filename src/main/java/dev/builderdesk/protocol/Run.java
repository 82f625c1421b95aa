package dev.builderdesk.protocol;

import java.time.Instant;
import java.util.List;

/**
 * The run object of CONTRACT.md §4.2, returned by the run routes and carried by terminal events. The fields after
 * {@code completedAt} are ours; {@code input}, {@code errorCode} and {@code clientMessageId} are additions a client
 * may ignore.
 */
public record Run(
        String runId,
        String status,
        String executionEngine,
        String surface,
        String publishedAppId,
        String baseRevisionId,
        String resultRevisionId,
        String checkpointRevisionId,
        String requestedModelId,
        String resolvedModelId,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        String chatSessionId,
        String compareGroupId,
        boolean autoApply,
        String resolvedModelName,
        List<String> warnings,
        RunUsage usage,
        RunMetrics metrics,
        String input,
        String errorCode,
        String clientMessageId) implements EventPayload {

    /** The surface every coding-agent run reports. */
    public static final String SURFACE = "published_app_coding_agent";
}

package dev.builderdesk.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The run object of CONTRACT.md §4.2, returned by the run routes and carried by terminal events. The fields after
 * {@code completedAt} are ours; {@code input}, {@code errorCode}, {@code clientMessageId} and {@code pauseReason} are
 * additions a client may ignore (docs/api-additions.md).
 *
 * @param pauseReason why a {@code paused} run paused, as {@link PauseReason#wire()} ({@code "step_budget"} or
 *                    {@code "server_shutdown"}); null for a run that is not paused, or from a server that does not
 *                    say. {@link #pauseCause()} reads it.
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
        String clientMessageId,
        String pauseReason) {

    /** The surface every coding-agent run reports. */
    public static final String SURFACE = "published_app_coding_agent";

    /** A run object without a pause reason (a run that is not paused, or a server that does not say). */
    public Run(String runId, String status, String executionEngine, String surface, String publishedAppId,
            String baseRevisionId, String resultRevisionId, String checkpointRevisionId, String requestedModelId,
            String resolvedModelId, String error, Instant createdAt, Instant startedAt, Instant completedAt,
            String chatSessionId, String compareGroupId, boolean autoApply, String resolvedModelName,
            List<String> warnings, RunUsage usage, RunMetrics metrics, String input, String errorCode,
            String clientMessageId) {
        this(runId, status, executionEngine, surface, publishedAppId, baseRevisionId, resultRevisionId,
                checkpointRevisionId, requestedModelId, resolvedModelId, error, createdAt, startedAt, completedAt,
                chatSessionId, compareGroupId, autoApply, resolvedModelName, warnings, usage, metrics, input,
                errorCode, clientMessageId, null);
    }

    /** Why this run is paused, when it is and the server said why. */
    public Optional<PauseReason> pauseCause() {
        return "paused".equals(status) ? PauseReason.fromWire(pauseReason) : Optional.empty();
    }
}

package dev.builderdesk.store;

import dev.builderdesk.protocol.HistoryMessage;
import dev.builderdesk.protocol.RunMetrics;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.protocol.RunUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A stored run: everything the run object shows plus the conversation it was given. */
public record RunRow(
        String id,
        String appId,
        RunStatus status,
        String engine,
        String input,
        List<HistoryMessage> messages,
        String baseRevisionId,
        String resultRevisionId,
        String checkpointRevisionId,
        String requestedModelId,
        String resolvedModelId,
        String resolvedModelName,
        String error,
        String errorCode,
        String chatSessionId,
        String compareGroupId,
        boolean autoApply,
        String clientMessageId,
        List<String> warnings,
        RunUsage usage,
        RunMetrics metrics,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        String pauseReason) {

    /** The same row in another status; a pause reason is kept only while it stays paused. */
    public RunRow withStatus(RunStatus newStatus) {
        return new RunRow(id, appId, newStatus, engine, input, messages, baseRevisionId, resultRevisionId,
                checkpointRevisionId, requestedModelId, resolvedModelId, resolvedModelName, error, errorCode,
                chatSessionId, compareGroupId, autoApply, clientMessageId, warnings, usage, metrics, createdAt,
                startedAt, completedAt, newStatus == RunStatus.PAUSED ? pauseReason : null);
    }

    public RunRow started(Instant at) {
        return new RunRow(id, appId, RunStatus.RUNNING, engine, input, messages, baseRevisionId, resultRevisionId,
                checkpointRevisionId, requestedModelId, resolvedModelId, resolvedModelName, null, null,
                chatSessionId, compareGroupId, autoApply, clientMessageId, warnings, usage, metrics, createdAt,
                startedAt == null ? at : startedAt, null, null);
    }

    public RunRow settled(RunStatus newStatus, String newError, String newErrorCode, Instant at) {
        return new RunRow(id, appId, newStatus, engine, input, messages, baseRevisionId, resultRevisionId,
                checkpointRevisionId, requestedModelId, resolvedModelId, resolvedModelName, newError, newErrorCode,
                chatSessionId, compareGroupId, autoApply, clientMessageId, warnings, usage, metrics, createdAt,
                startedAt, newStatus.isFinal() ? at : null, null);
    }

    public RunRow withResult(String resultRevision, String checkpointRevision) {
        return new RunRow(id, appId, status, engine, input, messages, baseRevisionId, resultRevision,
                checkpointRevision, requestedModelId, resolvedModelId, resolvedModelName, error, errorCode,
                chatSessionId, compareGroupId, autoApply, clientMessageId, warnings, usage, metrics, createdAt,
                startedAt, completedAt, pauseReason);
    }

    public RunRow withWarning(String warning) {
        List<String> more = new ArrayList<>(warnings);
        more.add(warning);
        return new RunRow(id, appId, status, engine, input, messages, baseRevisionId, resultRevisionId,
                checkpointRevisionId, requestedModelId, resolvedModelId, resolvedModelName, error, errorCode,
                chatSessionId, compareGroupId, autoApply, clientMessageId, List.copyOf(more), usage, metrics,
                createdAt, startedAt, completedAt, pauseReason);
    }

    /** The same row paused for {@code reason} ({@code PauseReason.wire()}). */
    public RunRow withPauseReason(String reason) {
        return new RunRow(id, appId, status, engine, input, messages, baseRevisionId, resultRevisionId,
                checkpointRevisionId, requestedModelId, resolvedModelId, resolvedModelName, error, errorCode,
                chatSessionId, compareGroupId, autoApply, clientMessageId, warnings, usage, metrics, createdAt,
                startedAt, completedAt, reason);
    }

    public RunRow withMeasurements(RunUsage newUsage, RunMetrics newMetrics) {
        return new RunRow(id, appId, status, engine, input, messages, baseRevisionId, resultRevisionId,
                checkpointRevisionId, requestedModelId, resolvedModelId, resolvedModelName, error, errorCode,
                chatSessionId, compareGroupId, autoApply, clientMessageId, warnings, newUsage, newMetrics, createdAt,
                startedAt, completedAt, pauseReason);
    }
}

package dev.builderdesk.protocol;

import java.util.Optional;

/**
 * Every event of the run stream (CONTRACT.md §5) with its wire name, stage and payload type: the one place the
 * event vocabulary is written.
 */
public enum EventType {
    RUN_ACCEPTED("run.accepted", "run", EventPayload.RunAccepted.class),
    PLAN_UPDATED("plan.updated", "plan", EventPayload.PlanUpdated.class),
    ASSISTANT_DELTA("assistant.delta", "assistant", EventPayload.AssistantDelta.class),
    TOOL_STARTED("tool.started", "tool", EventPayload.ToolStarted.class),
    TOOL_COMPLETED("tool.completed", "tool", EventPayload.ToolCompleted.class),
    TOOL_FAILED("tool.failed", "tool", EventPayload.ToolFailed.class),
    PROVIDER_RETRY("provider.retry", "run", EventPayload.ProviderRetry.class),
    USAGE_UPDATED("usage.updated", "run", EventPayload.UsageUpdated.class),
    REVISION_CREATED("revision.created", "revision", EventPayload.RevisionCreated.class),
    CHECKPOINT_CREATED("checkpoint.created", "checkpoint", EventPayload.CheckpointCreated.class),
    /** Made by clients only, from the original platform's mid-stream {@code run.failed}; never stored. */
    RUN_ERROR("run.error", "run", EventPayload.RunError.class),
    RUN_COMPLETED("run.completed", "run", EventPayload.RunCompleted.class),
    RUN_FAILED("run.failed", "run", EventPayload.RunFailed.class),
    RUN_CANCELLED("run.cancelled", "run", EventPayload.RunCancelled.class),
    RUN_PAUSED("run.paused", "run", EventPayload.RunPaused.class),
    /** An event a newer server sent that this build does not know; {@link #fromWire} never returns it. */
    UNRECOGNISED("", "", EventPayload.Unrecognised.class);

    private final String wire;
    private final String stage;
    private final Class<? extends EventPayload> payloadType;

    EventType(String wire, String stage, Class<? extends EventPayload> payloadType) {
        this.wire = wire;
        this.stage = stage;
        this.payloadType = payloadType;
    }

    /** The record its payload is read into. */
    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /** The {@code event} field value, e.g. {@code "tool.failed"}. */
    public String wire() {
        return wire;
    }

    /** The {@code stage} field value, e.g. {@code "tool"}. */
    public String stage() {
        return stage;
    }

    /** True for the four events that end a stream. */
    public boolean isTerminal() {
        return this == RUN_COMPLETED || this == RUN_FAILED || this == RUN_CANCELLED || this == RUN_PAUSED;
    }

    /** Looks up an event by wire name; unknown names (newer servers) give empty. */
    public static Optional<EventType> fromWire(String wire) {
        for (EventType type : values()) {
            if (type != UNRECOGNISED && type.wire.equals(wire)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}

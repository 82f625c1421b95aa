package dev.builderdesk.protocol;

import java.util.Optional;

/** Every event of the run stream (CONTRACT.md §5) with its wire name and stage. */
public enum EventType {
    RUN_ACCEPTED("run.accepted", "run"),
    PLAN_UPDATED("plan.updated", "plan"),
    ASSISTANT_DELTA("assistant.delta", "assistant"),
    TOOL_STARTED("tool.started", "tool"),
    TOOL_COMPLETED("tool.completed", "tool"),
    TOOL_FAILED("tool.failed", "tool"),
    PROVIDER_RETRY("provider.retry", "run"),
    USAGE_UPDATED("usage.updated", "run"),
    REVISION_CREATED("revision.created", "revision"),
    CHECKPOINT_CREATED("checkpoint.created", "checkpoint"),
    RUN_COMPLETED("run.completed", "run"),
    RUN_FAILED("run.failed", "run"),
    RUN_CANCELLED("run.cancelled", "run"),
    RUN_PAUSED("run.paused", "run");

    private final String wire;
    private final String stage;

    EventType(String wire, String stage) {
        this.wire = wire;
        this.stage = stage;
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
            if (type.wire.equals(wire)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The terminal event that reports a run settled in the given status. */
    public static EventType terminalFor(RunStatus status) {
        return switch (status) {
            case COMPLETED -> RUN_COMPLETED;
            case CANCELLED -> RUN_CANCELLED;
            case PAUSED -> RUN_PAUSED;
            case FAILED, QUEUED, RUNNING -> RUN_FAILED;
        };
    }
}

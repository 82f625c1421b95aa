package dev.builderdesk.protocol;

import java.util.Locale;

/** Lifecycle states of a run. {@link #PAUSED} can be resumed; the last three are final. */
public enum RunStatus {
    QUEUED, RUNNING, PAUSED, COMPLETED, FAILED, CANCELLED;

    /** The wire spelling, e.g. {@code "completed"}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire spelling. */
    public static RunStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** True for completed, failed and cancelled: nothing will change the run any more. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** True when no worker is executing the run (final or paused). */
    public boolean isSettled() {
        return isFinal() || this == PAUSED;
    }
}

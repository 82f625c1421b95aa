package dev.builderdesk.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * Why a run is {@code paused} (CONTRACT.md §4.3 allows two causes), carried as {@code pause_reason} on the run
 * object, and so in the {@code run.paused} payload (docs/api-additions.md). Servers without the field (the original
 * platform) give none.
 */
public enum PauseReason {
    /** The run used its tool-iteration budget; resume gives it a fresh one. */
    STEP_BUDGET,
    /** The server shut down gracefully while the run was executing; resume continues it. */
    SERVER_SHUTDOWN;

    /** The wire spelling: {@code "step_budget"} or {@code "server_shutdown"}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason a wire value names; empty for null or a value this client does not know. */
    public static Optional<PauseReason> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (PauseReason r : values()) {
            if (r.wire().equals(value)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}

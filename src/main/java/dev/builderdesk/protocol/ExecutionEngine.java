package dev.builderdesk.protocol;

import java.util.Locale;
import java.util.Optional;

/** The engines a run can execute on (the run object's {@code execution_engine}, CONTRACT.md §4.1). */
public enum ExecutionEngine {
    NATIVE, OPENCODE;

    /** The wire spelling, e.g. {@code "opencode"}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The engine a wire spelling names; empty for null or an engine this client does not know. */
    public static Optional<ExecutionEngine> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (ExecutionEngine e : values()) {
            if (e.wire().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}

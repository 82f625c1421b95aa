package dev.builderdesk.ui.fx;

import dev.builderdesk.protocol.PauseReason;
import dev.builderdesk.protocol.Run;

/** What the window says about a paused run, the same in the timeline and the inspector. */
public final class PauseWords {
    private PauseWords() {
    }

    /**
     * "Paused at the step budget…", "Paused: the server was shut down…", or a plain "Paused" when the server did not
     * say why (the original platform): the window never guesses a cause.
     */
    public static String of(Run run) {
        return run == null ? "Paused; resume to continue." : run.pauseCause().map(PauseWords::of)
                .orElse("Paused; resume to continue.");
    }

    public static String of(PauseReason reason) {
        return switch (reason) {
            case STEP_BUDGET -> "Paused at the step budget; resume gives it a fresh budget.";
            case SERVER_SHUTDOWN -> "Paused: the server was shut down during the run; resume continues it.";
        };
    }
}

package dev.builderdesk.ui.compare;

import dev.builderdesk.protocol.VerifyCommand;
import dev.builderdesk.ui.settings.CommandWords;

/**
 * The app's verify command as a comparison's setup tells it: not read yet, not set, or set ({@code command} the
 * line it runs).
 */
public record VerifySetting(boolean known, VerifyCommand command) {
    public static final VerifySetting UNKNOWN = new VerifySetting(false, null);

    static VerifySetting of(VerifyCommand command) {
        return new VerifySetting(true, command);
    }

    /** The setup's line, e.g. "Verify: npm run build (timeout 120 s)"; empty while not known. */
    public String text() {
        if (!known) {
            return "";
        }
        return command == null ? "Verify: not set — the attempts are compared without building or testing them."
                : "Verify: " + CommandWords.join(command.argv()) + " (timeout " + command.timeoutS() + " s) after"
                + " each attempt, in its sandbox.";
    }
}

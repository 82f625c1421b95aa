package dev.builderdesk.ui.compare;

import dev.builderdesk.protocol.CommandWords;
import dev.builderdesk.protocol.VerifyCommand;

/**
 * The app's verify command as a comparison's setup tells it: not read yet, not readable, not set, or set
 * ({@code command} the line it runs).
 */
public record VerifySetting(boolean known, VerifyCommand command, boolean unreadable) {
    public static final VerifySetting UNKNOWN = new VerifySetting(false, null, false);
    /** The app could not be read: the setup still offers the way to the setting. */
    public static final VerifySetting UNREADABLE = new VerifySetting(true, null, true);

    static VerifySetting of(VerifyCommand command) {
        return new VerifySetting(true, command, false);
    }

    /** The setup's line, e.g. "Verify: npm run build (timeout 120 s)"; empty while not known. */
    public String text() {
        if (!known) {
            return "";
        }
        if (unreadable) {
            return "Verify: the app's command could not be read.";
        }
        return command == null ? "Verify: not set — the attempts are compared without building or testing them."
                : "Verify: " + CommandWords.join(command.argv()) + " (timeout " + command.timeoutS() + " s) after"
                + " each attempt, in its sandbox.";
    }
}

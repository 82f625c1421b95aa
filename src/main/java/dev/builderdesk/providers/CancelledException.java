package dev.builderdesk.providers;

/** The work was cancelled before it finished. */
public final class CancelledException extends Exception {
    public CancelledException() {
        super("cancelled", null, false, false);
    }
}

package dev.builderdesk.ui.fx;

/** How the workspace writes a duration: "<1 ms", "420 ms", "8.4 s". */
public final class Durations {
    private Durations() {
    }

    public static String format(long millis) {
        return millis < 1 ? "<1 ms" : millis < 1000 ? millis + " ms" : String.format("%.1f s", millis / 1000.0);
    }
}

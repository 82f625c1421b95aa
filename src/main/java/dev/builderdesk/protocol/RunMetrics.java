package dev.builderdesk.protocol;

/**
 * Measurements of one run, used by the inspector and by comparisons. Times are milliseconds; {@code ttftMs} and
 * {@code durationMs} are null until known.
 */
public record RunMetrics(
        Long ttftMs,
        Long durationMs,
        int modelSteps,
        int toolCalls,
        int toolFailures,
        int retries,
        int filesChanged,
        int linesAdded,
        int linesRemoved) {

    /** A run that has not started. */
    public static final RunMetrics EMPTY = new RunMetrics(null, null, 0, 0, 0, 0, 0, 0, 0);
}

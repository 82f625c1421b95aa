package dev.builderdesk.protocol;

/**
 * Measurements of one run, used by the inspector and by comparisons. Times are milliseconds; {@code ttftMs} and
 * {@code durationMs} are null until known; {@code verify} is the app's verify command's result on a comparison
 * attempt (ours), else null; {@code sandboxPrepMs} is how long the run's sandbox took to materialise from its base
 * revision when the run was created (ours), null when it was not prepared then; {@code toolFailuresRecovered} is how
 * many of the tool failures the run got past (ours): a later call on the same path, or of the same tool for a call
 * without a path, succeeded — null for a run stored before it was counted.
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
        int linesRemoved,
        VerifyResult verify,
        Long sandboxPrepMs,
        Integer toolFailuresRecovered) {

    /** A run that has not started. */
    public static final RunMetrics EMPTY = new RunMetrics(null, null, 0, 0, 0, 0, 0, 0, 0, null, null, 0);

    /** The same measurements with the files changed and the lines added and removed of {@code changes}. */
    public RunMetrics withChanges(RunMetrics changes) {
        return new RunMetrics(ttftMs, durationMs, modelSteps, toolCalls, toolFailures, retries, changes.filesChanged,
                changes.linesAdded, changes.linesRemoved, verify, sandboxPrepMs, toolFailuresRecovered);
    }

    /** The same measurements with the verify command's result. */
    public RunMetrics withVerify(VerifyResult result) {
        return new RunMetrics(ttftMs, durationMs, modelSteps, toolCalls, toolFailures, retries, filesChanged,
                linesAdded, linesRemoved, result, sandboxPrepMs, toolFailuresRecovered);
    }

    /** The same measurements with the sandbox preparation time. */
    public RunMetrics withSandboxPrep(long ms) {
        return new RunMetrics(ttftMs, durationMs, modelSteps, toolCalls, toolFailures, retries, filesChanged,
                linesAdded, linesRemoved, verify, ms, toolFailuresRecovered);
    }
}

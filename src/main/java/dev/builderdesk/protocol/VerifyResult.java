package dev.builderdesk.protocol;

/**
 * What an attempt's verify command did (ours): {@code status} is {@code passed} (exit 0), {@code failed} (another
 * exit status), {@code timed_out} (stopped at the timeout) or {@code not_started} (the program could not be run);
 * {@code durationMs} is the command's own time and {@code outputTail} the end of its standard output and error
 * together. {@code sandboxFillMs} is how long writing the rest of the attempt's files into its sandbox took before
 * the command could start (a sandbox is prepared without copying its base), null on results of commands that did
 * not start or were stored before it was measured.
 */
public record VerifyResult(String status, Integer exitCode, long durationMs, String outputTail, Long sandboxFillMs) {
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String TIMED_OUT = "timed_out";
    public static final String NOT_STARTED = "not_started";

    /** A result of the command alone. */
    public VerifyResult(String status, Integer exitCode, long durationMs, String outputTail) {
        this(status, exitCode, durationMs, outputTail, null);
    }

    public VerifyResult withSandboxFillMs(long ms) {
        return new VerifyResult(status, exitCode, durationMs, outputTail, ms);
    }

    public VerifyResult withOutputTail(String tail) {
        return new VerifyResult(status, exitCode, durationMs, tail, sandboxFillMs);
    }
}

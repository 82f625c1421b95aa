package dev.builderdesk.protocol;

/**
 * What an attempt's verify command did (ours): {@code status} is {@code passed} (exit 0), {@code failed} (another
 * exit status), {@code timed_out} (stopped at the timeout) or {@code not_started} (the program could not be run);
 * {@code outputTail} is the end of its standard output and error together.
 */
public record VerifyResult(String status, Integer exitCode, long durationMs, String outputTail) {
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String TIMED_OUT = "timed_out";
    public static final String NOT_STARTED = "not_started";
}

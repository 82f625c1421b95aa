package dev.builderdesk.protocol;

/** Token totals of a run as reported by its provider. */
public record RunUsage(long inputTokens, long outputTokens) {
    /** No tokens yet. */
    public static final RunUsage NONE = new RunUsage(0, 0);
}

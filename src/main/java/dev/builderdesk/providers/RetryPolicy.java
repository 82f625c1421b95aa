package dev.builderdesk.providers;

import java.time.Duration;

/**
 * How often and how patiently a failed completion is tried again: only retryable failures (429, 5xx, connection
 * reset), at most {@code maxAttempts} attempts in all, waiting {@code baseDelay × 2^(n-1)} (capped) before attempt
 * {@code n+1}, or longer if the provider asked for it with {@code Retry-After}.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(20));

    /** The wait before attempt {@code nextAttempt} (2, 3, ...) after {@code failure}. */
    public Duration delayBefore(int nextAttempt, ProviderException failure) {
        long factor = 1L << Math.min(20, nextAttempt - 2);
        Duration backoff = baseDelay.multipliedBy(factor);
        Duration wanted = failure.retryAfter().filter(d -> d.compareTo(backoff) > 0).orElse(backoff);
        return wanted.compareTo(maxDelay) > 0 ? maxDelay : wanted;
    }
}

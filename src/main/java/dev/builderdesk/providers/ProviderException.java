package dev.builderdesk.providers;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed completion, classified into the contract's codes ({@code PROVIDER_AUTH_FAILED}, ...). {@code statusCode}
 * is the HTTP status when there was one.
 */
public final class ProviderException extends Exception {
    private final String code;
    private final Integer statusCode;
    private final boolean retryable;
    private final Duration retryAfter;

    public ProviderException(String code, String message, Integer statusCode, boolean retryable) {
        this(code, message, statusCode, retryable, null);
    }

    /** @param retryAfter how long the provider asked us to wait ({@code Retry-After}), or null */
    public ProviderException(String code, String message, Integer statusCode, boolean retryable,
            Duration retryAfter) {
        super(message);
        this.code = code;
        this.statusCode = statusCode;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public String code() {
        return code;
    }

    public Integer statusCode() {
        return statusCode;
    }

    public boolean retryable() {
        return retryable;
    }
}

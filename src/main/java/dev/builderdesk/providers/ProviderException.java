package dev.builderdesk.providers;

/**
 * A failed completion, classified into the contract's codes ({@code PROVIDER_AUTH_FAILED}, ...). {@code statusCode}
 * is the HTTP status when there was one.
 */
public final class ProviderException extends Exception {
    private final String code;
    private final Integer statusCode;
    private final boolean retryable;

    public ProviderException(String code, String message, Integer statusCode, boolean retryable) {
        super(message);
        this.code = code;
        this.statusCode = statusCode;
        this.retryable = retryable;
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

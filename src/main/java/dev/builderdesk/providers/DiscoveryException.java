package dev.builderdesk.providers;

/** A provider's model listing could not be read; {@link #reason()} says why, in terms the server can explain. */
public final class DiscoveryException extends Exception {
    /** Why the listing failed. */
    public enum Reason {
        /** Nothing answered: connection refused, unknown host, timeout, or not a valid URL. */
        UNREACHABLE,
        /** 401 or 403: the key is missing or wrong. */
        KEY_REJECTED,
        /** Another error status (404 is usually a base URL without {@code /v1}). */
        HTTP_ERROR,
        /** A 2xx answer that is not a model listing. */
        NOT_A_LISTING
    }

    private final Reason reason;
    private final int status;

    public DiscoveryException(Reason reason, int status, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status the endpoint answered, or 0 when it did not answer. */
    public int status() {
        return status;
    }
}

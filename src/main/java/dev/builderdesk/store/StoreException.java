package dev.builderdesk.store;

/** A storage failure, wrapping the JDBC cause with what was being done. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.builderdesk.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A run API call that did not succeed. {@link #status()} is the HTTP status (0 when the server was not reached),
 * {@link #detail()} the answer's {@code detail} as sent. Subclasses carry the fields of the contract's coded
 * errors; the message is always fit to show a user.
 */
public class ClientException extends RuntimeException {
    private final int status;
    private final transient JsonNode detail;

    public ClientException(int status, String message, JsonNode detail, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.detail = detail;
    }

    /** The HTTP status, or 0 when no answer was received. */
    public int status() {
        return status;
    }

    /** The {@code detail} of the error body (a string, a coded object or a list of issues), or null. */
    public JsonNode detail() {
        return detail;
    }

    /** The request field a coded error names ({@code detail.field}, e.g. {@code base_url}), or null. */
    public String field() {
        return detail != null && detail.isObject() ? detail.path("field").asText(null) : null;
    }

    /** The contract code of a coded error ({@code detail.code}), or null. */
    public String code() {
        return detail != null && detail.isObject() ? detail.path("code").asText(null) : null;
    }
}

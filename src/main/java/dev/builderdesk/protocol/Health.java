package dev.builderdesk.protocol;

/** Response of {@code GET /health}. */
public record Health(String status, String version) {
}

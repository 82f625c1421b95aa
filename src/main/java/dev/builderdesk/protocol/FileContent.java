package dev.builderdesk.protocol;

/**
 * Content of one file of a revision. {@code encoding} is {@code utf-8} for text and {@code base64} for files that
 * are not valid UTF-8 (images).
 */
public record FileContent(String path, String sha256, String content, String encoding) {
}

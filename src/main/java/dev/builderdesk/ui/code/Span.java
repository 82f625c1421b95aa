package dev.builderdesk.ui.code;

/**
 * A highlighted range of a text: characters {@code [start, end)} get the CSS class {@code styleClass}
 * ({@code code-keyword}, {@code code-string}, ...). Text outside every span is plain.
 */
public record Span(int start, int end, String styleClass) {
}

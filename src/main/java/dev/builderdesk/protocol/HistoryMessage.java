package dev.builderdesk.protocol;

/** One prior turn sent with a run ({@code messages}); also the shape of conversation entries given to a model. */
public record HistoryMessage(String role, String content) {
}

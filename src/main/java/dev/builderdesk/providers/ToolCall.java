package dev.builderdesk.providers;

/** A function call the model asked for; {@code arguments} is the JSON text exactly as the model produced it. */
public record ToolCall(String id, String name, String arguments) {
}

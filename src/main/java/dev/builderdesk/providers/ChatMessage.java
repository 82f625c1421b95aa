package dev.builderdesk.providers;

import java.util.List;

/**
 * One message of a conversation with a model: {@code system}, {@code user}, {@code assistant} (possibly with tool
 * calls) or {@code tool} (a tool result answering {@code toolCallId}).
 */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls, String toolCallId) {
    public static ChatMessage system(String content) {
        return new ChatMessage("system", content, List.of(), null);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content, List.of(), null);
    }

    public static ChatMessage assistant(String content, List<ToolCall> calls) {
        return new ChatMessage("assistant", content, List.copyOf(calls), null);
    }

    public static ChatMessage toolResult(String callId, String content) {
        return new ChatMessage("tool", content, List.of(), callId);
    }

    /** Any message with a role and text ({@code user}, {@code assistant}, {@code system}). */
    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role, content, List.of(), null);
    }
}

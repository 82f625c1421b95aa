package dev.builderdesk.providers;

import java.util.List;

/** The assembled answer of one completion; token counts are 0 when the provider reported none. */
public record ChatResult(String content, List<ToolCall> toolCalls, String finishReason, long inputTokens,
        long outputTokens) {
}

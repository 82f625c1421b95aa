package dev.builderdesk.engine;

import dev.builderdesk.providers.ChatMessage;
import java.util.List;

/** What the native engine persists after every step so that a paused or interrupted run can continue. */
public record ConversationState(List<ChatMessage> messages, int modelSteps, long inputTokens, long outputTokens) {
}

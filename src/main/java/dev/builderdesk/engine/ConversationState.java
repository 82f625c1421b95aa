package dev.builderdesk.engine;

import dev.builderdesk.providers.ChatMessage;
import java.util.List;

/** What the native engine persists after every step so that a paused or interrupted run can continue. */
public record ConversationState(List<ChatMessage> messages, int modelSteps, long inputTokens, long outputTokens) {

    /**
     * True when the conversation ends with the model's answer (an assistant message without tool calls): the model
     * has finished, and continuing must not ask it again.
     */
    public boolean endsWithAnswer() {
        if (messages.isEmpty()) {
            return false;
        }
        ChatMessage last = messages.get(messages.size() - 1);
        return "assistant".equals(last.role()) && last.toolCalls().isEmpty();
    }

    /** The last non-blank text the model said, or an empty string. */
    public String lastText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            ChatMessage m = messages.get(i);
            if ("assistant".equals(m.role()) && m.content() != null && !m.content().isBlank()) {
                return m.content();
            }
        }
        return "";
    }
}

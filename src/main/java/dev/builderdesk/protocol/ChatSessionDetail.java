package dev.builderdesk.protocol;

import java.util.List;

/** A thread with its turns, oldest first. */
public record ChatSessionDetail(ChatSession session, List<ChatTurn> messages) {
}

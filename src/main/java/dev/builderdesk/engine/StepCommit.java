package dev.builderdesk.engine;

import dev.builderdesk.protocol.EventPayload;
import java.util.List;

/**
 * Commits a finished step of an engine (ADR 0011): the conversation saved after it and the events that close it,
 * in one transaction, after every event emitted before. Once it returns the step is durable and a resume or crash
 * recovery continues after it, never repeating it.
 */
@FunctionalInterface
public interface StepCommit {
    void commit(ConversationState state, List<EventPayload> closingEvents);
}

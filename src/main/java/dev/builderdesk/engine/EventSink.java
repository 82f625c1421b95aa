package dev.builderdesk.engine;

import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.EventType;
import java.util.List;

/** Where an engine sends its events; the server stores each durably before anyone sees it. */
public interface EventSink {
    void emit(EventType type, EventPayload payload, List<Diagnostic> diagnostics);

    default void emit(EventType type, EventPayload payload) {
        emit(type, payload, List.of());
    }
}

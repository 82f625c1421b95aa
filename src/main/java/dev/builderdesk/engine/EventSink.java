package dev.builderdesk.engine;

import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.EventPayload;
import java.util.List;

/** Where an engine sends its events; the server stores each durably before anyone sees it. */
public interface EventSink {
    void emit(EventPayload payload, List<Diagnostic> diagnostics);

    default void emit(EventPayload payload) {
        emit(payload, List.of());
    }
}

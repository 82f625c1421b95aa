package dev.builderdesk.client;

import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.EventType;
import dev.builderdesk.protocol.StreamEvent;
import java.util.List;

/**
 * One event of a run stream after normalisation: the envelope and its typed payload. The timeline is the same
 * whether the server is ours or the original platform (whose paused runs end with {@code run.completed},
 * cancelled ones with {@code run.failed}, and whose {@code run.failed} may come mid-stream, becoming
 * {@code run.error}). Consumers switch over {@link #payload()}, a sealed hierarchy, exhaustively.
 *
 * @param envelope the normalised envelope ({@code event} is the normalised name, e.g. {@code run.paused})
 * @param payload the payload read as its event's type; {@link EventPayload.Unrecognised} for events this
 *     client does not know
 */
public record RunEvent(StreamEvent envelope, EventPayload payload) {
    /** The event's type, from its payload. */
    public EventType type() {
        return payload.type();
    }

    /** The run's durable sequence number (for the original platform: the client's own count). */
    public long seq() {
        return envelope.seq();
    }

    /** The run this event belongs to. */
    public String runId() {
        return envelope.runId();
    }

    /** The envelope's diagnostics: why a tool or the run failed ({@code code}, {@code field}, ...). */
    public List<Diagnostic> diagnostics() {
        return envelope.diagnostics() == null ? List.of() : envelope.diagnostics();
    }

    /** True for the four events that end a run's stream; exactly one reaches a listener. */
    public boolean isTerminal() {
        return payload.type().isTerminal();
    }
}

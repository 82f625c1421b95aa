package dev.builderdesk.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.client.RunEvent;
import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.EventType;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.protocol.StreamEvent;
import dev.builderdesk.protocol.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns SSE frames into typed {@link RunEvent}s, one connection after another, so that every event reaches the
 * consumer exactly once and in order, and the original platform's quirks map onto our timeline:
 * <ul>
 * <li>durable servers (ours; frames carry {@code id:}) are de-duplicated by {@code seq};</li>
 * <li>a server that restarts {@code seq} on every connection (the original) is de-duplicated by position, and
 *     events get the client's own running count as {@code seq};</li>
 * <li>{@code run.completed} with status {@code paused} is {@code run.paused}; {@code run.failed} of a cancelled run
 *     is {@code run.cancelled}; a {@code run.failed} followed by more events is a non-terminal {@code run.error}
 *     (without {@code id:} lines it is held until the next frame or the end of the stream decides);</li>
 * <li>exactly one terminal event is ever passed on.</li>
 * </ul>
 * Not thread-safe: one stream thread feeds it.
 */
public final class EventNormalizer {
    private final Consumer<RunEvent> consumer;
    private long lastSeq;
    private long delivered;
    private boolean terminated;
    private boolean durable;
    private boolean restartedConnection;
    private long connectionIndex;
    private boolean firstOfConnection;
    private JsonNode heldFailure;

    public EventNormalizer(Consumer<RunEvent> consumer) {
        this.consumer = consumer;
    }

    /** The seq of the last event passed on. */
    public long lastSeq() {
        return lastSeq;
    }

    public boolean terminated() {
        return terminated;
    }

    /** A new connection starts (after a reconnect). */
    public void newConnection() {
        connectionIndex = 0;
        firstOfConnection = true;
        restartedConnection = false;
        if (!durable) {
            // A server without durable seq sends the held failure again on the next connection.
            heldFailure = null;
        }
    }

    /** One SSE frame. */
    public void frame(SseParser.Frame frame) {
        String data = frame.data().strip();
        if (terminated || data.isEmpty() || data.equals("[DONE]")) {
            return;
        }
        JsonNode envelope;
        try {
            envelope = Json.mapper().readTree(data);
        } catch (JsonProcessingException e) {
            return;
        }
        if (envelope == null || !envelope.isObject() || !envelope.has("event")) {
            return;
        }
        if (frame.id() != null) {
            durable = true;
        }
        long seq = envelope.path("seq").asLong(0);
        if (firstOfConnection) {
            firstOfConnection = false;
            restartedConnection = !durable && delivered > 0 && seq <= lastSeq;
        }
        long position = connectionIndex++;
        if (durable || !restartedConnection) {
            if (durable && seq <= lastSeq) {
                return;
            }
        } else if (position < delivered) {
            return;
        }
        if (heldFailure != null) {
            JsonNode held = heldFailure;
            heldFailure = null;
            emit(held, "run.error");
            if (terminated) {
                return;
            }
        }
        String event = envelope.path("event").asText();
        if (event.equals("run.failed") && !durable && !isCancellation(envelope)) {
            heldFailure = envelope;
            return;
        }
        emit(envelope, null);
    }

    /** The stream ended cleanly: a held {@code run.failed} was the last event, so it is the terminal one. */
    public void streamEnded() {
        if (heldFailure != null && !terminated) {
            JsonNode held = heldFailure;
            heldFailure = null;
            emit(held, null);
        }
    }

    private void emit(JsonNode envelope, String renamed) {
        long seq = durable ? envelope.path("seq").asLong(lastSeq + 1) : delivered + 1;
        JsonNode payload = envelope.path("payload").isObject() ? envelope.get("payload") : Json.object();
        List<Diagnostic> diagnostics = diagnostics(envelope.path("diagnostics"));
        String event = renamed != null ? renamed : normalisedName(envelope, payload);
        StreamEvent normal = new StreamEvent(event, envelope.path("run_id").asText(null),
                envelope.path("app_id").asText(null), seq, time(envelope.path("ts").asText(null)),
                envelope.path("stage").asText(null), payload, diagnostics);
        RunEvent typed = typed(normal);
        lastSeq = seq;
        delivered++;
        if (typed.isTerminal()) {
            terminated = true;
        }
        consumer.accept(typed);
    }

    private static String normalisedName(JsonNode envelope, JsonNode payload) {
        String event = envelope.path("event").asText();
        String status = payload.path("status").asText("").toLowerCase(Locale.ROOT);
        if (event.equals("run.completed") && status.equals("paused")) {
            return "run.paused";
        }
        if (event.equals("run.failed") && isCancellation(envelope)) {
            return "run.cancelled";
        }
        return event;
    }

    private static boolean isCancellation(JsonNode envelope) {
        if (envelope.path("payload").path("status").asText("").equalsIgnoreCase("cancelled")) {
            return true;
        }
        JsonNode first = envelope.path("diagnostics").path(0);
        return first.path("message").asText("").strip().equalsIgnoreCase("run cancelled");
    }

    /** Reads the payload as its event's type; a terminal event whose payload is not a run still ends the stream. */
    private static RunEvent typed(StreamEvent e) {
        EventType type = EventType.fromWire(e.event()).orElse(EventType.UNRECOGNISED);
        EventPayload payload;
        try {
            payload = type == EventType.UNRECOGNISED ? new EventPayload.Unrecognised(e.payload())
                    : Json.mapper().treeToValue(e.payload(), type.payloadType());
        } catch (JsonProcessingException | IllegalArgumentException ex) {
            payload = type.isTerminal() ? EventPayload.RunEnded.of(statusOf(type), null)
                    : new EventPayload.Unrecognised(e.payload());
        }
        return new RunEvent(e, payload);
    }

    private static RunStatus statusOf(EventType terminal) {
        return switch (terminal) {
            case RUN_COMPLETED -> RunStatus.COMPLETED;
            case RUN_CANCELLED -> RunStatus.CANCELLED;
            case RUN_PAUSED -> RunStatus.PAUSED;
            default -> RunStatus.FAILED;
        };
    }

    private static List<Diagnostic> diagnostics(JsonNode node) {
        List<Diagnostic> list = new ArrayList<>();
        if (node instanceof ArrayNode array) {
            for (JsonNode d : array) {
                if (d instanceof ObjectNode) {
                    try {
                        list.add(Json.mapper().treeToValue(d, Diagnostic.class));
                    } catch (JsonProcessingException e) {
                        list.add(Diagnostic.of(d.path("message").asText(""), d.path("code").asText(null)));
                    }
                }
            }
        }
        return List.copyOf(list);
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package dev.builderdesk.client.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An incremental Server-Sent Events parser: feed it bytes as they arrive, split anywhere (even inside a UTF-8
 * character or between CR and LF), and it dispatches one {@link Frame} per event. Lines end with LF, CRLF or CR;
 * comments ({@code :...}) are dropped; {@code data:} with or without the space is accepted; several data lines
 * are joined with LF; an {@code id} is kept for the frame it belongs to.
 */
public final class SseParser {
    /** A dispatched event: its {@code id:} (null if none), {@code event:} (null if none) and data. */
    public record Frame(String id, String event, String data) {
    }

    /** Receives frames. */
    @FunctionalInterface
    public interface Sink {
        void frame(Frame frame);
    }

    private final Sink sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String id;
    private String event;
    private boolean lastWasCr;

    public SseParser(Sink sink) {
        this.sink = sink;
    }

    public void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (lastWasCr) {
                    lastWasCr = false;
                    continue;
                }
                endLine();
            } else if (b == '\r') {
                lastWasCr = true;
                endLine();
            } else {
                lastWasCr = false;
                line.write(b);
            }
        }
    }

    /** The stream ended: an unterminated event is dropped, as the SSE specification says. */
    public void end() {
        line.reset();
        resetEvent();
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.startsWith(":")) {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "id" -> id = value.indexOf('\0') >= 0 ? id : value;
            case "event" -> event = value;
            default -> {
            }
        }
    }

    private void dispatch() {
        if (hasData) {
            sink.frame(new Frame(id == null || id.isEmpty() ? null : id, event, data.toString()));
        }
        resetEvent();
    }

    private void resetEvent() {
        data.setLength(0);
        hasData = false;
        event = null;
        id = null;
    }
}

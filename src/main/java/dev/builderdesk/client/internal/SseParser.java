package dev.builderdesk.client.internal;

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
    private byte[] line = new byte[512];
    private int lineLength;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String id;
    private String event;
    private boolean lastWasCr;

    public SseParser(Sink sink) {
        this.sink = sink;
    }

    public void feed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (lastWasCr && bytes[i] == '\n') {
                lastWasCr = false;
                i++;
                continue;
            }
            lastWasCr = false;
            int eol = i;
            while (eol < end && bytes[eol] != '\n' && bytes[eol] != '\r') {
                eol++;
            }
            append(bytes, i, eol - i);
            if (eol == end) {
                return;
            }
            lastWasCr = bytes[eol] == '\r';
            endLine();
            i = eol + 1;
        }
    }

    /** The stream ended: an unterminated event is dropped, as the SSE specification says. */
    public void end() {
        lineLength = 0;
        resetEvent();
    }

    private void append(byte[] bytes, int from, int count) {
        if (count == 0) {
            return;
        }
        if (lineLength + count > line.length) {
            line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLength + count));
        }
        System.arraycopy(bytes, from, line, lineLength, count);
        lineLength += count;
    }

    private void endLine() {
        int length = lineLength;
        lineLength = 0;
        if (length == 0) {
            dispatch();
            return;
        }
        if (line[0] == ':') {
            return;
        }
        int colon = -1;
        for (int k = 0; k < length; k++) {
            if (line[k] == ':') {
                colon = k;
                break;
            }
        }
        int nameEnd = colon < 0 ? length : colon;
        int valueStart = colon < 0 ? length : colon + 1;
        if (valueStart < length && line[valueStart] == ' ') {
            valueStart++;
        }
        if (is("data", nameEnd)) {
            if (hasData) {
                data.append('\n');
            }
            data.append(new String(line, valueStart, length - valueStart, StandardCharsets.UTF_8));
            hasData = true;
        } else if (is("id", nameEnd)) {
            String value = new String(line, valueStart, length - valueStart, StandardCharsets.UTF_8);
            id = value.indexOf('\0') >= 0 ? id : value;
        } else if (is("event", nameEnd)) {
            event = new String(line, valueStart, length - valueStart, StandardCharsets.UTF_8);
        }
    }

    private boolean is(String field, int nameLength) {
        if (nameLength != field.length()) {
            return false;
        }
        for (int k = 0; k < nameLength; k++) {
            if (line[k] != field.charAt(k)) {
                return false;
            }
        }
        return true;
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

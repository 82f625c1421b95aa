package dev.builderdesk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a run stream in tests, keeping the exact bytes: frames are split by blank lines; comments ({@code :...})
 * are kept as frames too so tests can see the padding and the heartbeats. Closing drops the connection.
 */
public final class SseStream implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final HttpResponse<InputStream> response;
    private final InputStream in;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();

    /** One frame: the lines between two blank lines. */
    public record Frame(String text) {
        public boolean isComment() {
            return text.startsWith(":");
        }

        public Long id() {
            for (String line : text.split("\n")) {
                if (line.startsWith("id: ")) {
                    return Long.parseLong(line.substring(4));
                }
            }
            return null;
        }

        public JsonNode data() {
            for (String line : text.split("\n")) {
                if (line.startsWith("data: ")) {
                    try {
                        return Json.mapper().readTree(line.substring(6));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            return null;
        }

        public String event() {
            JsonNode d = data();
            return d == null ? null : d.path("event").asText();
        }

        public long seq() {
            return data().path("seq").asLong();
        }
    }

    private SseStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.in = new java.io.BufferedInputStream(response.body(), 64 * 1024);
    }

    public static SseStream open(String url, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET().header("Accept", "text/event-stream");
        headers.forEach(b::header);
        try {
            return new SseStream(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    /** The next frame, or null at the end of the stream. */
    public Frame next() {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        try {
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return frame.size() == 0 ? null : new Frame(frame.toString(StandardCharsets.UTF_8));
                }
                raw.write(b);
                if (b == '\n' && previous == '\n') {
                    String text = frame.toString(StandardCharsets.UTF_8);
                    return new Frame(text.substring(0, text.length() - 1));
                }
                frame.write(b);
                previous = b;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next event frame (skipping comments), or null at the end. */
    public Frame nextEvent() {
        Frame f;
        while ((f = next()) != null) {
            if (!f.isComment()) {
                return f;
            }
        }
        return null;
    }

    /** Every remaining event frame until the server ends the stream. */
    public List<Frame> remainingEvents() {
        List<Frame> frames = new ArrayList<>();
        Frame f;
        while ((f = nextEvent()) != null) {
            frames.add(f);
        }
        return frames;
    }

    /** Every byte read so far, exactly as sent (after HTTP de-chunking). */
    public String rawText() {
        return raw.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** A generous default for reads in tests that wait for a run to finish. */
    public static Duration timeout() {
        return Duration.ofSeconds(30);
    }
}

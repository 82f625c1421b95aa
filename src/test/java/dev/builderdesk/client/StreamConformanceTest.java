package dev.builderdesk.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.builderdesk.client.internal.ClientRuntime;
import dev.builderdesk.client.internal.EventNormalizer;
import dev.builderdesk.client.internal.RunApiClients;
import dev.builderdesk.client.internal.SseParser;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The original platform's streams (F18, F23), as transcripts written from original-platform.md §4, read by the
 * real client from a loopback server: the typed timeline is the same as ours, and the same whatever the chunking.
 */
class StreamConformanceTest {
    static HttpServer server;
    static ClientRuntime runtime;
    static RunApiClient client;

    @BeforeAll
    static void serveTranscripts() throws IOException {
        // Split writes must not wait for delayed ACKs (Nagle): each flush goes out at once.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        // /admin/apps/{transcript}/coding-agent/runs/{split-K | chunk-K}/stream
        server.createContext("/admin/apps/", StreamConformanceTest::serve);
        server.start();
        runtime = new ClientRuntime();
        client = RunApiClients.connect(runtime, ServerConnection.of("http://127.0.0.1:"
                + server.getAddress().getPort(), "token"));
    }

    @AfterAll
    static void stop() {
        runtime.close();
        server.stop(0);
    }

    static byte[] transcript(String name) throws IOException {
        try (InputStream in = StreamConformanceTest.class.getResourceAsStream("/transcripts/" + name + ".sse")) {
            return in.readAllBytes();
        }
    }

    static final java.util.concurrent.ConcurrentHashMap<String, Integer> CONNECTIONS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static void serve(HttpExchange ex) throws IOException {
        String[] parts = ex.getRequestURI().getPath().split("/");
        byte[] bytes = transcript(parts[3]);
        String[] mode = parts[6].split("-");
        int k = Integer.parseInt(mode[1]);
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            if (mode[0].equals("silent") && CONNECTIONS.merge(parts[6], 1, Integer::sum) == 1) {
                // First connection: some bytes, then silence far longer than the client tolerates.
                out.write(bytes, 0, k);
                out.flush();
                sleep(5_000);
                return;
            }
            if (mode[0].equals("silent")) {
                out.write(bytes);
            } else if (mode[0].equals("split")) {
                out.write(bytes, 0, k);
                out.flush();
                out.write(bytes, k, bytes.length - k);
            } else {
                for (int i = 0; i < bytes.length; i += k) {
                    out.write(bytes, i, Math.min(k, bytes.length - i));
                    out.flush();
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The events as comparable lines: type, normalised event, seq, payload and diagnostics. */
    static String render(RunEvent e) {
        return e.getClass().getSimpleName() + "|" + e.envelope().event() + "|" + e.seq() + "|" + e.envelope().ts()
                + "|" + Json.write(e.envelope().payload()) + "|" + Json.write(e.envelope().diagnostics());
    }

    static List<RunEvent> viaClient(String transcript, String mode) throws InterruptedException {
        List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (RunStream s = client.stream(transcript, mode, 1, events::add)) {
            assertThat(s.await(Duration.ofSeconds(10))).isTrue();
        }
        return events;
    }

    static List<RunEvent> viaParser(byte[] bytes, int split) {
        List<RunEvent> events = new ArrayList<>();
        EventNormalizer normalizer = new EventNormalizer(events::add);
        normalizer.newConnection();
        SseParser parser = new SseParser(normalizer::frame);
        parser.feed(bytes, 0, split);
        parser.feed(bytes, split, bytes.length - split);
        parser.end();
        normalizer.streamEnded();
        return events;
    }

    @Test
    void f18PausedRunMapsToOurTimeline() throws Exception {
        List<RunEvent> events = viaClient("f18-paused", "chunk-7");
        assertThat(events).extracting(e -> e.payload().getClass().getSimpleName()).containsExactly("RunAccepted",
                "PlanUpdated", "AssistantDelta", "ToolStarted", "ToolCompleted", "ToolFailed", "RunError",
                "AssistantDelta", "RunPaused");
        assertThat(events).extracting(RunEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(((EventPayload.AssistantDelta) events.get(2).payload()).content())
                .isEqualTo("Looking at the app — déjà vu.");
        var failed = events.get(5);
        assertThat(failed.diagnostics().get(0).code()).isEqualTo("PATCH_HUNK_MISMATCH");
        assertThat(failed.diagnostics().get(0).patchFailureCount()).isEqualTo(1);
        assertThat(failed.diagnostics().get(0).recommendedRefresh().path()).isEqualTo("src/App.tsx");
        var error = events.get(6);
        assertThat(error.envelope().event()).isEqualTo("run.error");
        assertThat(error.isTerminal()).isFalse();
        assertThat(error.diagnostics().get(0).message()).isEqualTo("Max tool iterations reached");
        var paused = events.get(8);
        var pausedRun = ((EventPayload.RunPaused) paused.payload()).run();
        assertThat(paused.envelope().event()).isEqualTo("run.paused");
        assertThat(pausedRun.status()).isEqualTo("paused");
        assertThat(pausedRun.createdAt()).isEqualTo(Instant.parse("2026-02-18T11:46:54.123456Z"));
        assertThat(paused.envelope().ts()).isEqualTo(Instant.parse("2026-02-18T11:47:01.500Z"));
        assertThat(events.stream().filter(RunEvent::isTerminal)).hasSize(1);
    }

    @Test
    void f18CancelledAsFailedIsCancelled() throws Exception {
        List<RunEvent> events = viaClient("f18-cancelled", "chunk-1");
        assertThat(events).extracting(e -> e.payload().getClass().getSimpleName()).containsExactly("RunAccepted",
                "AssistantDelta", "AssistantDelta", "RunCancelled");
        assertThat(events.get(3).envelope().event()).isEqualTo("run.cancelled");
        assertThat(((EventPayload.RunCancelled) events.get(3).payload()).run().status()).isEqualTo("cancelled");
    }

    @Test
    void f23WithCrlfCommentsBlankDataDoneAndUnknownEvents() throws Exception {
        List<RunEvent> events = viaClient("f23-paused", "chunk-5");
        assertThat(events).extracting(e -> e.payload().getClass().getSimpleName()).containsExactly("RunAccepted",
                "AssistantDelta", "Unrecognised", "UsageUpdated", "RunPaused");
        assertThat(events.get(2).envelope().event()).isEqualTo("session.heartbeat");
        assertThat(((EventPayload.UsageUpdated) events.get(3).payload()).inputTokens()).isEqualTo(10);
    }

    @Test
    void splittingTheBytesAtEveryOffsetGivesTheSameTimeline() throws Exception {
        for (String name : List.of("f18-paused", "f18-cancelled", "f23-paused")) {
            byte[] bytes = transcript(name);
            List<String> baseline = viaParser(bytes, 0).stream().map(StreamConformanceTest::render).toList();
            assertThat(baseline).isNotEmpty();
            for (int k = 1; k <= bytes.length; k++) {
                assertThat(viaParser(bytes, k).stream().map(StreamConformanceTest::render).toList())
                        .as(name + " split at " + k).isEqualTo(baseline);
            }
            int step = name.equals("f18-cancelled") ? 1 : 97;
            for (int k = 0; k <= bytes.length; k += step) {
                assertThat(viaClient(name, "split-" + k).stream().map(StreamConformanceTest::render).toList())
                        .as(name + " over HTTP, split at " + k).isEqualTo(baseline);
            }
        }
    }

    @Test
    void aStreamSilentForTwiceTheHeartbeatIsDroppedAndResumed() throws Exception {
        RunApiClient impatient = RunApiClients.connect(runtime, client.connection().withHeartbeat(
                Duration.ofMillis(200)).withReconnectDelay(Duration.ofMillis(10)));
        byte[] bytes = transcript("f18-paused");
        int afterThreeEvents = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).indexOf("data: {\"event\":"
                + " \"tool.started\"");
        List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
        List<Integer> attempts = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try (RunStream s = impatient.stream("f18-paused", "silent-" + afterThreeEvents, 1, new RunStreamListener() {
            @Override
            public void onEvent(RunEvent event) {
                events.add(event);
            }

            @Override
            public void onReconnecting(int attempt, Throwable cause) {
                attempts.add(attempt);
            }
        })) {
            assertThat(s.await(Duration.ofSeconds(10))).isTrue();
        }
        assertThat((System.nanoTime() - start) / 1_000_000).as("well before the server's 5 s silence ends")
                .isLessThan(4_000);
        assertThat(attempts).isNotEmpty();
        assertThat(events.stream().map(StreamConformanceTest::render).toList())
                .isEqualTo(viaParser(bytes, 0).stream().map(StreamConformanceTest::render).toList());
    }

    @Test
    void closingAStreamCancelsItAndStopsTheCallbacks() throws Exception {
        List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
        RunStream s = client.stream("f18-paused", "silent-2100", 1, events::add);
        Thread.sleep(300);
        s.close();
        assertThat(s.isDone()).isTrue();
        int seen = events.size();
        Thread.sleep(300);
        assertThat(events).hasSize(seen);
        assertThat(events.stream().filter(RunEvent::isTerminal)).isEmpty();
    }
}

package dev.builderdesk.server;

import static dev.builderdesk.testkit.TestServer.runs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.SseStream;
import dev.builderdesk.testkit.SseStream.Frame;
import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CONTRACT.md §5: exact framing, durable seq, replay from {@code from_seq} or {@code Last-Event-ID}, heartbeats. */
class StreamTest extends ServerTestBase {
    private void start(TestServer.Options options) {
        start(options, "vite-react");
    }

    private String slowRun(int words, long delayMillis) {
        server.llm().script("model-a", Reply.slowText(words, delayMillis));
        return server.createRun(app, Map.of("input", "stream slowly")).get("run_id").asText();
    }

    @Test
    void framingIsExact() {
        start(TestServer.Options.defaults());
        server.llm().script("model-a", Reply.toolCall("Looking.", "coding_agent_read_file",
                "{\"path\":\"src/App.tsx\"}"), Reply.text("All good."));
        String run = server.createRun(app, Map.of("input", "check")).get("run_id").asText();
        try (SseStream s = server.stream(app, run, "", Map.of())) {
            assertThat(s.status()).isEqualTo(200);
            assertThat(s.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            assertThat(s.response().headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(s.response().headers().firstValue("X-Accel-Buffering")).hasValue("no");
            List<Frame> frames = s.remainingEvents();
            String raw = s.rawText();
            assertThat(raw).startsWith(":" + " ".repeat(2048) + "\n\n");
            assertThat(raw.substring(2051)).matches("(?s)(id: \\d+\\ndata: \\{[^\\n]*\\}\\n\\n|: ping\\n\\n)+");
            long expected = 1;
            for (Frame f : frames) {
                assertThat(f.id()).isEqualTo(expected);
                JsonNode d = f.data();
                List<String> keys = new ArrayList<>();
                d.fieldNames().forEachRemaining(keys::add);
                assertThat(keys).containsExactly("event", "run_id", "app_id", "seq", "ts", "stage", "payload",
                        "diagnostics");
                assertThat(d.get("seq").asLong()).isEqualTo(expected);
                assertThat(d.get("run_id").asText()).isEqualTo(run);
                assertThat(d.get("app_id").asText()).isEqualTo(app);
                expected++;
            }
            JsonNode accepted = frames.get(0).data();
            assertThat(accepted.get("event").asText()).isEqualTo("run.accepted");
            assertThat(accepted.get("stage").asText()).isEqualTo("run");
            assertThat(accepted.get("payload").get("surface").asText()).isEqualTo("published_app_coding_agent");
            assertThat(accepted.get("payload").get("resolved_model_id").asText()).isEqualTo(TestServer.MODEL_A);
            assertThat(frames.get(1).data().get("payload").get("summary").asText())
                    .isEqualTo("Coding-agent run started");
            List<String> events = frames.stream().map(Frame::event).toList();
            assertThat(events).contains("assistant.delta", "tool.started", "tool.completed", "usage.updated");
            assertThat(events.stream().filter(e -> e.startsWith("run.") && !e.equals("run.accepted")))
                    .containsExactly("run.completed");
            assertThat(events.get(events.size() - 1)).isEqualTo("run.completed");
            JsonNode completed = frames.get(frames.size() - 1).data();
            assertThat(completed.get("payload").get("status").asText()).isEqualTo("completed");
            JsonNode started = frames.stream().filter(f -> f.event().equals("tool.started")).findFirst().orElseThrow()
                    .data().get("payload");
            assertThat(started.get("tool").asText()).isEqualTo("coding_agent_read_file");
            assertThat(started.get("input").get("path").asText()).isEqualTo("src/App.tsx");
        }
    }

    @Test
    void aReconnectWithFromSeqGetsEveryLaterEventExactlyOnce() {
        start(TestServer.Options.defaults());
        readThreeDropAndResume("?from_seq=4", Map.of());
    }

    @Test
    void lastEventIdResumesLikeFromSeq() {
        start(TestServer.Options.defaults());
        readThreeDropAndResume("", Map.of("Last-Event-ID", "3"));
    }

    /** Reads 3 events of a streaming run, drops the connection, reconnects as asked and checks the union. */
    private void readThreeDropAndResume(String query, Map<String, String> headers) {
        String run = slowRun(30, 20);
        List<Frame> first = new ArrayList<>();
        try (SseStream s = server.stream(app, run, "", Map.of())) {
            for (int i = 0; i < 3; i++) {
                first.add(s.nextEvent());
            }
        }
        List<Frame> rest;
        try (SseStream s = server.stream(app, run, query, headers)) {
            rest = s.remainingEvents();
        }
        assertResumedExactly(run, first, rest);
    }

    private void assertResumedExactly(String run, List<Frame> first, List<Frame> rest) {
        assertThat(first).extracting(Frame::seq).containsExactly(1L, 2L, 3L);
        assertThat(rest.get(0).seq()).isEqualTo(4);
        List<String> received = new ArrayList<>();
        first.forEach(f -> received.add(f.text()));
        rest.forEach(f -> received.add(f.text()));
        List<String> log = server.streamToEnd(app, run).stream().map(Frame::text).toList();
        assertThat(received).containsExactlyElementsOf(log);
        assertThat(log.get(log.size() - 1)).contains("\"event\":\"run.completed\"");
    }

    @Test
    void aFinishedRunReplaysInFullAndTheTerminalEventIsUniqueAndLast() {
        start(TestServer.Options.defaults());
        String run = slowRun(5, 0);
        List<Frame> live = server.streamToEnd(app, run);
        server.awaitStatus(app, run, "completed");
        List<Frame> replay = server.streamToEnd(app, run);
        assertThat(replay).extracting(Frame::text).containsExactlyElementsOf(live.stream().map(Frame::text).toList());
        long terminals = replay.stream().filter(f -> f.event().matches("run\\.(completed|failed|cancelled|paused)"))
                .count();
        assertThat(terminals).isEqualTo(1);
        assertThat(replay.get(replay.size() - 1).event()).isEqualTo("run.completed");
        List<Frame> tail;
        try (SseStream s = server.stream(app, run, "?from_seq=" + (replay.size() + 5), Map.of())) {
            tail = s.remainingEvents();
        }
        assertThat(tail).as("past the end of a finished run the stream just ends").isEmpty();
    }

    @Test
    void aHeartbeatArrivesWhileASlowRunStreams() {
        start(TestServer.Options.defaults().heartbeat(1));
        server.llm().script("model-a", Reply.text("slow answer").paced(2_500));
        String run = server.createRun(app, Map.of("input", "take your time")).get("run_id").asText();
        try (SseStream s = server.stream(app, run, "", Map.of())) {
            boolean sawPing = false;
            boolean sawTerminal = false;
            SseStream.Frame f;
            int skippedPadding = 0;
            while ((f = s.next()) != null) {
                if (f.isComment()) {
                    if (f.text().equals(": ping")) {
                        sawPing = true;
                    } else {
                        skippedPadding++;
                    }
                } else if (f.event().equals("run.completed")) {
                    sawTerminal = true;
                    assertThat(sawPing).as("a ping came before the end").isTrue();
                }
            }
            assertThat(skippedPadding).isEqualTo(1);
            assertThat(sawTerminal).isTrue();
        }
    }

    @Test
    void replayFalseStartsAtTheLiveTail() {
        start(TestServer.Options.defaults());
        String run = slowRun(40, 25);
        try (SseStream warm = server.stream(app, run, "", Map.of())) {
            for (int i = 0; i < 5; i++) {
                warm.nextEvent();
            }
        }
        try (SseStream s = server.stream(app, run, "?replay=false", Map.of())) {
            Frame first = s.nextEvent();
            assertThat(first.seq()).isGreaterThan(5);
        }
    }

    @Test
    void streamOfAnUnknownRunIs404() {
        start(TestServer.Options.defaults());
        var r = server.owner().get(runs(app) + "/33333333-3333-4333-8333-333333333333/stream");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.detailText()).isEqualTo("Coding-agent run not found");
    }
}

package dev.builderdesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.Postgres;
import dev.builderdesk.testkit.ScriptedLlm;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.ServeConfig;
import dev.builderdesk.testkit.ServeProcess;
import dev.builderdesk.testkit.SseStream;
import dev.builderdesk.testkit.SseStream.Frame;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, acceptance 2 (ADR 0017): two {@code serve} processes on one PostgreSQL database. A run created on A
 * streams from B; A killed with {@code kill -9} mid-run, B takes the run over and finishes it, the stream it serves
 * carrying every event once and in order; A frozen past its lease and then resumed cannot write to the run.
 */
class MultiInstanceIT {
    private static final String TOKEN = "shared-owner-token";
    private static final String RUNS = ServeConfig.RUNS;
    private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + TOKEN);

    @Test
    void aRunCreatedOnAStreamsFromBAndBFinishesItWhenAIsKilled(@TempDir Path dir) throws Exception {
        try (ScriptedLlm llm = ScriptedLlm.start()) {
            // The default lease: what an operator who configures nothing gets.
            Path config = config(dir, llm, null);
            llm.script("model-a", Reply.slowText(200, 40), Reply.text("Finished on B."));
            try (ServeProcess a = ServeProcess.start(dir.resolve("a"), "--config", config.toString());
                    ServeProcess b = ServeProcess.start(dir.resolve("b"), "--config", config.toString())) {
                String run = new Api(a.baseUrl(), TOKEN).post(RUNS, Map.of("input", "go")).json().get("run_id")
                        .asText();
                List<Frame> fromB = new ArrayList<>();
                Duration takeover;
                try (SseStream stream = SseStream.open(b.baseUrl() + RUNS + "/" + run + "/stream", AUTH)) {
                    // B serves A's run live: the answer's first words come through B while A writes them.
                    while (fromB.stream().filter(f -> f.event().equals("assistant.delta")).count() < 3) {
                        fromB.add(stream.nextEvent());
                    }
                    a.kill();
                    Instant killed = Instant.now();
                    fromB.addAll(stream.remainingEvents());
                    takeover = Duration.between(killed, Instant.now());
                }
                JsonNode settled = new Api(b.baseUrl(), TOKEN).get(RUNS + "/" + run).json();
                String status = settled.get("status").asText();
                assertThat(status).isIn("completed", "failed");
                if (status.equals("failed")) {
                    assertThat(settled.get("error_code").asText()).isEqualTo("RUN_INTERRUPTED");
                } else {
                    assertThat(text(fromB)).endsWith("Finished on B.");
                }
                assertOneOrderedLog(fromB, status);
                assertThat(fromB.stream().filter(f -> f.event().equals("plan.updated"))
                        .map(f -> f.data().get("payload").get("summary").asText()))
                        .containsExactly("Coding-agent run started", "Coding-agent run resumed");
                // What B streamed live is the run's whole durable log, as a replay from B gives it.
                assertThat(replay(b, run)).extracting(Frame::text)
                        .containsExactlyElementsOf(fromB.stream().map(Frame::text).toList());
                System.out.println("MultiInstanceIT: B finished the run " + takeover.toMillis()
                        + " ms after A was killed (lease 6 s)");
            }
        }
    }

    @Test
    void anInstanceFrozenPastItsLeaseCannotWriteToTheRunAfterItWasTakenOver(@TempDir Path dir) throws Exception {
        try (ScriptedLlm llm = ScriptedLlm.start()) {
            Path config = config(dir, llm, 3);
            llm.script("model-a", Reply.slowText(400, 25), Reply.text("Finished on B."));
            try (ServeProcess a = ServeProcess.start(dir.resolve("a"), "--config", config.toString());
                    ServeProcess b = ServeProcess.start(dir.resolve("b"), "--config", config.toString())) {
                String run = new Api(a.baseUrl(), TOKEN).post(RUNS, Map.of("input", "go")).json().get("run_id")
                        .asText();
                try (SseStream stream = SseStream.open(b.baseUrl() + RUNS + "/" + run + "/stream", AUTH)) {
                    int deltas = 0;
                    while (deltas < 3) {
                        deltas += stream.nextEvent().event().equals("assistant.delta") ? 1 : 0;
                    }
                }
                a.freeze();
                try {
                    JsonNode settled = awaitSettled(new Api(b.baseUrl(), TOKEN), run);
                    assertThat(settled.get("status").asText()).isEqualTo("completed");
                    List<Frame> before = replay(b, run);
                    a.thaw();
                    // A wakes up mid-answer with its model's words still arriving: its heartbeat finds the run
                    // gone and its next commit is refused.
                    assertThat(a.awaitOutput("taken over by another instance", Duration.ofSeconds(30)))
                            .as("A noticed it lost the run").isTrue();
                    Thread.sleep(1_000);
                    List<Frame> after = replay(b, run);
                    assertThat(after).extracting(Frame::text)
                            .as("nothing of A's written after B took the run")
                            .containsExactlyElementsOf(before.stream().map(Frame::text).toList());
                    assertOneOrderedLog(after, "completed");
                    assertThat(text(after)).endsWith("Finished on B.");
                    assertThat(new Api(a.baseUrl(), TOKEN).get(RUNS + "/" + run).json().get("status").asText())
                            .as("A serves the run as B finished it").isEqualTo("completed");
                } finally {
                    a.thaw();
                }
            }
        }
    }

    /** Seqs 1..N with no hole or repeat, opened by run.accepted, closed by the one terminal event. */
    private static void assertOneOrderedLog(List<Frame> log, String status) {
        for (int i = 0; i < log.size(); i++) {
            assertThat(log.get(i).seq()).as("event %d once and in order", i + 1).isEqualTo(i + 1L);
        }
        assertThat(log.get(0).event()).isEqualTo("run.accepted");
        assertThat(log.stream().filter(f -> f.event().matches("run\\.(completed|failed|cancelled|paused)")))
                .hasSize(1);
        assertThat(log.get(log.size() - 1).event()).isEqualTo("run." + status);
    }

    private static String text(List<Frame> log) {
        StringBuilder text = new StringBuilder();
        log.stream().filter(f -> f.event().equals("assistant.delta"))
                .forEach(f -> text.append(f.data().get("payload").get("content").asText()));
        return text.toString();
    }

    private static List<Frame> replay(ServeProcess server, String run) {
        try (SseStream s = SseStream.open(server.baseUrl() + RUNS + "/" + run + "/stream", AUTH)) {
            return s.remainingEvents();
        }
    }

    private static JsonNode awaitSettled(Api api, String run) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode row = api.get(RUNS + "/" + run).json();
        while (!List.of("completed", "failed", "cancelled").contains(row.get("status").asText())
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            row = api.get(RUNS + "/" + run).json();
        }
        return row;
    }

    /** One configuration for both instances: the same database, tenant, model and app folder. */
    private static Path config(Path dir, ScriptedLlm llm, Integer leaseSeconds) throws IOException {
        return ServeConfig.write(dir, llm, TOKEN, (leaseSeconds == null ? "" : "server: {lease_seconds: "
                + leaseSeconds + "}\n") + "database: {url: \"" + Postgres.shared().newDatabase() + "\"}");
    }
}

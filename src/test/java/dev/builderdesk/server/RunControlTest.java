package dev.builderdesk.server;

import static dev.builderdesk.testkit.TestServer.runs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.protocol.PauseReason;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.SseStream;
import dev.builderdesk.testkit.SseStream.Frame;
import dev.builderdesk.testkit.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CONTRACT.md §4.3: resume only of paused runs, cancel that really interrupts, the iteration budget. */
class RunControlTest extends ServerTestBase {
    private void start(TestServer.Options options) {
        start(options, "vite-react");
    }

    @Test
    void resumingARunThatIsNotPausedIsAConflict() {
        start(TestServer.Options.defaults());
        server.llm().script("model-a", Reply.slowText(50, 20));
        String run = server.createRun(app, Map.of("input", "go")).get("run_id").asText();
        server.awaitStatus(app, run, "running");
        Api.Resp whileRunning = server.owner().post(runs(app) + "/" + run + "/resume", Map.of());
        assertThat(whileRunning.status()).isEqualTo(409);
        assertThat(whileRunning.detailText()).isEqualTo("Run is not paused");
        server.awaitStatus(app, run, "completed");
        Api.Resp finished = server.owner().post(runs(app) + "/" + run + "/resume", Map.of("payload", Map.of()));
        assertThat(finished.status()).isEqualTo(409);
        assertThat(finished.detailText()).isEqualTo("Run is not paused");
    }

    @Test
    void cancellingAStreamingRunEndsItWithRunCancelledAndKeepsThePartialText() {
        start(TestServer.Options.defaults());
        server.llm().script("model-a", Reply.slowText(400, 25),
                Reply.toolCall(null, "coding_agent_list_files", "{}"));
        JsonNode created = server.createRun(app, Map.of("input", "write a lot"));
        String run = created.get("run_id").asText();
        try (SseStream s = server.stream(app, run, "", Map.of())) {
            Frame f;
            int deltas = 0;
            while (deltas < 3 && (f = s.nextEvent()) != null) {
                if (f.event().equals("assistant.delta")) {
                    deltas++;
                }
            }
            long before = System.nanoTime();
            Api.Resp cancel = server.owner().post(runs(app) + "/" + run + "/cancel", null);
            long tookMs = (System.nanoTime() - before) / 1_000_000;
            assertThat(cancel.status()).isEqualTo(200);
            assertThat(cancel.json().get("status").asText()).isEqualTo("cancelled");
            assertThat(tookMs).as("cancel interrupts the 10 s provider stream").isLessThan(1_000);
            List<Frame> rest = s.remainingEvents();
            assertThat(rest.get(rest.size() - 1).event()).isEqualTo("run.cancelled");
            assertThat(rest).extracting(Frame::event).noneMatch(e -> e.startsWith("tool."));
        }
        assertThat(server.llm().requests()).as("no further model step after the cancel").hasSize(1);
        JsonNode thread = server.owner().get("/admin/apps/" + app + "/coding-agent/chat-sessions/"
                + created.get("chat_session_id").asText()).json();
        String partial = thread.get("messages").get(1).get("content").asText();
        assertThat(partial).startsWith("word0 word1 word2");
        assertThat(partial).doesNotContain("word399");
    }

    @Test
    void cancellingAFinishedRunReturnsItUnchanged() {
        start(TestServer.Options.defaults());
        String run = server.createRun(app, Map.of("input", "hi")).get("run_id").asText();
        JsonNode done = server.awaitStatus(app, run, "completed");
        Api.Resp cancel = server.owner().post(runs(app) + "/" + run + "/cancel", null);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json()).isEqualTo(done);
        List<Frame> events = server.streamToEnd(app, run);
        assertThat(events.get(events.size() - 1).event()).isEqualTo("run.completed");
        assertThat(events).extracting(Frame::event).doesNotContain("run.cancelled");
    }

    @Test
    void theToolIterationBudgetPausesTheRunAndResumeContinuesWithAFreshBudget() {
        start(TestServer.Options.defaults().maxSteps(2));
        for (int i = 0; i < 3; i++) {
            server.llm().script("model-a", Reply.toolCall(null, "coding_agent_list_files", "{}"));
        }
        server.llm().script("model-a", Reply.text("Finished after resuming."));
        String run = server.createRun(app, Map.of("input", "loop")).get("run_id").asText();
        List<Frame> first = server.streamToEnd(app, run);
        assertThat(first.get(first.size() - 1).event()).isEqualTo("run.paused");
        assertThat(first.get(first.size() - 1).data().get("payload").get("pause_reason").asText())
                .isEqualTo("step_budget");
        assertThat(server.owner().get(runs(app) + "/" + run).json().get("status").asText()).isEqualTo("paused");
        assertThat(client().getRun(app, run).pauseCause()).hasValue(PauseReason.STEP_BUDGET);
        assertThat(server.llm().requests()).hasSize(2);

        Api.Resp resumed = server.owner().post(runs(app) + "/" + run + "/resume", Map.of());
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().get("status").asText()).isIn("queued", "running");
        List<Frame> second;
        try (SseStream s = server.stream(app, run, "?from_seq=" + (first.size() + 1), Map.of())) {
            second = s.remainingEvents();
        }
        assertThat(second.get(0).data().get("payload").get("summary").asText()).isEqualTo("Coding-agent run resumed");
        assertThat(second.get(second.size() - 1).event()).isEqualTo("run.completed");
        assertThat(server.llm().requests()).hasSize(4);
        JsonNode lastRequest = server.llm().requests().get(3).get("messages");
        assertThat(lastRequest.toString()).as("the resumed conversation keeps every earlier step")
                .contains("coding_agent_list_files");
        JsonNode done = server.owner().get(runs(app) + "/" + run).json();
        assertThat(done.get("pause_reason").isNull()).as("only a paused run has a pause reason").isTrue();
        assertThat(done.get("metrics").get("model_steps").asInt()).isEqualTo(4);
        assertThat(done.get("metrics").get("tool_calls").asInt()).isEqualTo(3);
    }

    @Test
    void aResumedRunsDurationIsTheSumOfItsSegmentsAsItsEventsTimeThem() {
        start(TestServer.Options.defaults().maxSteps(1));
        // Paced chunks make each segment last a few milliseconds, so the sum differs from the last segment alone.
        server.llm().script("model-a", Reply.toolCall(null, "coding_agent_list_files", "{}").paced(5),
                Reply.toolCall(null, "coding_agent_list_files", "{}").paced(5), Reply.text("Done.").paced(5));
        String run = server.createRun(app, Map.of("input", "loop")).get("run_id").asText();
        JsonNode paused = server.awaitStatus(app, run, "paused");
        long firstSegment = paused.get("metrics").get("duration_ms").asLong();
        server.owner().post(runs(app) + "/" + run + "/resume", Map.of());
        server.awaitStatus(app, run, "paused");
        server.owner().post(runs(app) + "/" + run + "/resume", Map.of());
        JsonNode done = server.awaitStatus(app, run, "completed");

        List<Long> segments = dev.builderdesk.testkit.RunLog.segmentMillis(
                dev.builderdesk.testkit.RunLog.whole(server, app, run));
        assertThat(segments).hasSize(3).allMatch(ms -> ms > 0);
        assertThat(segments.get(0)).as("the first pause reported its own segment").isEqualTo(firstSegment);
        assertThat(done.get("metrics").get("duration_ms").asLong()).as("summed over %s", segments)
                .isEqualTo(segments.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aPausedRunCanBeCancelledAndAPausedRunWithoutItsWorkingCopyCannotResume() throws Exception {
        start(TestServer.Options.defaults().maxSteps(1));
        for (int i = 0; i < 4; i++) {
            server.llm().script("model-a", Reply.toolCall(null, "coding_agent_list_files", "{}"));
        }
        String cancelled = server.createRun(app, Map.of("input", "loop")).get("run_id").asText();
        server.awaitStatus(app, cancelled, "paused");
        Api.Resp cancel = server.owner().post(runs(app) + "/" + cancelled + "/cancel", null);
        assertThat(cancel.json().get("status").asText()).isEqualTo("cancelled");
        List<Frame> after;
        long pausedAt = server.streamToEnd(app, cancelled).size();
        try (var s = server.stream(app, cancelled, "?from_seq=" + (pausedAt + 1), Map.of())) {
            after = s.remainingEvents();
        }
        assertThat(after).extracting(Frame::event).containsExactly("run.cancelled");

        String lost = server.createRun(app, Map.of("input", "loop again")).get("run_id").asText();
        server.awaitStatus(app, lost, "paused");
        dev.builderdesk.workspace.Sandboxes sandboxes = new dev.builderdesk.workspace.Sandboxes(
                server.dataDir().resolve("sandboxes"));
        assertThat(sandboxes.exists(lost)).isTrue();
        sandboxes.delete(lost);
        server.owner().post(runs(app) + "/" + lost + "/resume", Map.of());
        JsonNode failed = server.awaitStatus(app, lost, "failed");
        assertThat(failed.get("error_code").asText()).isEqualTo("RUN_INTERRUPTED");
    }

    @Test
    void aRunThatSaysNothingGetsTheFallbackSentence() {
        start(TestServer.Options.defaults());
        server.llm().script("model-a", Reply.text(""));
        String run = server.createRun(app, Map.of("input", "what can you do?")).get("run_id").asText();
        List<Frame> events = server.streamToEnd(app, run);
        List<Frame> deltas = events.stream().filter(f -> f.event().equals("assistant.delta"))
                .filter(f -> !f.data().get("payload").get("content").asText().isBlank()).toList();
        assertThat(deltas).hasSize(1);
        assertThat(deltas.get(0).data().get("payload").get("content").asText()).contains("inspect and edit files");
        assertThat(events.get(events.size() - 2).event()).isEqualTo("assistant.delta");
    }
}

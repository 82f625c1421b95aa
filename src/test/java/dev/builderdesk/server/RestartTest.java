package dev.builderdesk.server;

import static dev.builderdesk.testkit.TestServer.runs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.PauseReason;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.SseStream.Frame;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graceful stop pauses running runs; after a restart they are still there, paused, and resume to the end. */
class RestartTest {
    @Test
    void aGracefulStopPausesTheRunAndResumeAfterRestartFinishesIt(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            String app = server.createApp("app", "vite-react").get("id").asText();
            server.llm().script("model-a", Reply.toolCall("Step one.", "coding_agent_list_files", "{}"),
                    Reply.slowText(200, 30), Reply.text("Finished after the restart."));
            String run = server.createRun(app, Map.of("input", "long job")).get("run_id").asText();
            while (server.llm().requests().size() < 2) {
                Thread.sleep(20);
            }
            server.restart();
            List<Frame> first = server.streamToEnd(app, run);
            assertThat(first.get(first.size() - 1).event()).isEqualTo("run.paused");
            assertThat(first.get(first.size() - 1).data().get("payload").get("pause_reason").asText())
                    .as("paused by the shutdown, not by the step budget").isEqualTo("server_shutdown");
            JsonNode paused = server.owner().get(runs(app) + "/" + run).json();
            assertThat(paused.get("status").asText()).isEqualTo("paused");
            assertThat(paused.get("pause_reason").asText()).isEqualTo("server_shutdown");
            Run typed = Json.mapper().treeToValue(paused, Run.class);
            assertThat(typed.pauseReason()).isEqualTo("server_shutdown");
            assertThat(typed.pauseCause()).hasValue(PauseReason.SERVER_SHUTDOWN);
            Api.Resp resumed = server.owner().post(runs(app) + "/" + run + "/resume", Map.of());
            assertThat(resumed.status()).isEqualTo(200);
            assertThat(resumed.json().get("pause_reason").isNull()).isTrue();
            server.awaitStatus(app, run, "completed");
            List<Frame> all = server.streamToEnd(app, run);
            List<Long> seqs = all.stream().map(Frame::seq).toList();
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(i + 1L);
            }
            List<Frame> rest;
            try (var s = server.stream(app, run, "?from_seq=" + (first.size() + 1), Map.of())) {
                rest = s.remainingEvents();
            }
            assertThat(rest.get(rest.size() - 1).event()).isEqualTo("run.completed");
            String resumedRequest = server.llm().requests().get(server.llm().requests().size() - 1).toString();
            assertThat(resumedRequest).as("the conversation continues from the saved step")
                    .contains("coding_agent_list_files");
        }
    }
}

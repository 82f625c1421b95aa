package dev.builderdesk.engine;

import static dev.builderdesk.testkit.TestServer.runs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.OpenCodeBinary;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.SseStream;
import dev.builderdesk.testkit.SseStream.Frame;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenCode engine against the real {@code opencode serve} (npm {@code opencode-ai}, installed by .ci/run) and
 * the scripted provider. In CI a missing binary fails these tests; elsewhere they are skipped with a reason.
 */
class OpenCodeEngineTest {
    @TempDir
    Path dir;
    @TempDir
    Path folder;
    TestServer server;
    String app;

    @BeforeEach
    void start() throws Exception {
        String opencode = OpenCodeBinary.require();
        Files.writeString(folder.resolve("index.html"), "<div id=root></div>\n");
        server = TestServer.start(dir, TestServer.Options.defaults().openCode(opencode));
        app = server.owner().post("/admin/apps", Map.of("name", "site", "workspace_path", folder.toString()))
                .json().get("id").asText();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String run(Map<String, Object> body) {
        Map<String, Object> all = new java.util.HashMap<>(body);
        all.put("engine", "opencode");
        Api.Resp r = server.owner().post(runs(app), all);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.json().get("run_id").asText();
    }

    @Test
    void theModelCanBeSwitchedBetweenTwoPromptsOfOneThread() {
        server.llm().script("model-a", Reply.text("Answer from A."));
        server.llm().script("model-b", Reply.text("Answer from B."));
        String first = run(Map.of("input", "first question", "model_id", TestServer.MODEL_A));
        List<Frame> one = server.streamToEnd(app, first);
        assertThat(one.get(one.size() - 1).event()).as(one.toString()).isEqualTo("run.completed");
        String session = server.owner().get(runs(app) + "/" + first).json().get("chat_session_id").asText();
        String second = run(Map.of("input", "second question", "model_id", TestServer.MODEL_B,
                "chat_session_id", session));
        List<Frame> two = server.streamToEnd(app, second);
        assertThat(two.get(two.size() - 1).event()).isEqualTo("run.completed");
        assertThat(text(one)).isEqualTo("Answer from A.");
        assertThat(text(two)).isEqualTo("Answer from B.");
        assertThat(server.llm().requestsFor("model-b")).isNotEmpty();
        assertThat(server.llm().requestsFor("model-b").get(0).toString()).contains("first question")
                .contains("Answer from A.").contains("second question");
        JsonNode secondRun = server.owner().get(runs(app) + "/" + second).json();
        assertThat(secondRun.get("execution_engine").asText()).isEqualTo("opencode");
        assertThat(secondRun.get("resolved_model_id").asText()).isEqualTo(TestServer.MODEL_B);
        assertThat(secondRun.get("usage").get("input_tokens").asLong()).isPositive();
    }

    @Test
    void aFailingToolIsMappedToToolFailedAndTheTurnGoesOn() {
        server.llm().script("model-a", Reply.toolCall("Reading.", "read", "{\"filePath\":\"missing.txt\"}"),
                Reply.text("That file does not exist."));
        List<Frame> frames = server.streamToEnd(app, run(Map.of("input", "read missing.txt")));
        Frame failed = frames.stream().filter(f -> f.event().equals("tool.failed")).findFirst().orElseThrow(() ->
                new AssertionError(frames.stream().map(Frame::event).toList()));
        assertThat(failed.data().get("payload").get("tool").asText()).isEqualTo("read");
        JsonNode diagnostic = failed.data().get("diagnostics").get(0);
        assertThat(diagnostic.get("code").asText()).isEqualTo("TOOL_EXECUTION_FAILED");
        assertThat(diagnostic.get("message").asText()).contains("missing.txt");
        assertThat(frames).extracting(Frame::event).containsSubsequence("tool.started", "tool.failed",
                "run.completed");
    }

    @Test
    void cancelIsConfirmedByOpenCodeAndKeepsThePartialText() {
        server.llm().script("model-a", Reply.slowText(400, 25));
        String run = run(Map.of("input", "write a lot"));
        try (SseStream s = server.stream(app, run, "", Map.of())) {
            int deltas = 0;
            Frame f;
            while (deltas < 3 && (f = s.nextEvent()) != null) {
                if (f.event().equals("assistant.delta")) {
                    deltas++;
                }
            }
            Api.Resp cancel = server.owner().post(runs(app) + "/" + run + "/cancel", null);
            assertThat(cancel.json().get("status").asText()).isEqualTo("cancelled");
            List<Frame> rest = s.remainingEvents();
            assertThat(rest.get(rest.size() - 1).event()).isEqualTo("run.cancelled");
        }
        JsonNode thread = server.owner().get("/admin/apps/" + app + "/coding-agent/chat-sessions/"
                + server.owner().get(runs(app) + "/" + run).json().get("chat_session_id").asText()).json();
        assertThat(thread.get("messages").get(1).get("content").asText()).startsWith("word0 word1 word2");
    }

    @Test
    void theUnknownFinishLoopIsStopped() {
        for (int i = 0; i < 30; i++) {
            server.llm().script("model-a", Reply.cutOff(""));
        }
        List<Frame> frames = server.streamToEnd(app, run(Map.of("input", "loop forever")));
        Frame last = frames.get(frames.size() - 1);
        assertThat(last.event()).isEqualTo("run.failed");
        assertThat(last.data().get("diagnostics").get(0).get("code").asText())
                .isEqualTo("PROVIDER_STREAM_INCOMPLETE");
        assertThat(server.llm().requestsFor("model-a").size()).isBetween(3, 10);
    }

    @Test
    void appsWithoutAFolderAndTheDemoModelAreRefusedUpFront() {
        String plain = server.createApp("plain", "empty").get("id").asText();
        Api.Resp noFolder = server.owner().post(runs(plain), Map.of("input", "x", "engine", "opencode"));
        assertThat(noFolder.status()).isEqualTo(400);
        assertThat(noFolder.detail().get("code").asText()).isEqualTo("CODING_AGENT_ENGINE_UNSUPPORTED_RUNTIME");
        Api.Resp demo = server.owner().post(runs(app), Map.of("input", "x", "engine", "opencode", "model_id",
                TestServer.MODEL_DEMO));
        assertThat(demo.status()).isEqualTo(400);
        assertThat(demo.detail().get("code").asText()).isEqualTo("CODING_AGENT_ENGINE_UNAVAILABLE");
    }

    private static String text(List<Frame> frames) {
        StringBuilder sb = new StringBuilder();
        frames.stream().filter(f -> f.event().equals("assistant.delta"))
                .forEach(f -> sb.append(f.data().get("payload").get("content").asText()));
        return sb.toString();
    }
}

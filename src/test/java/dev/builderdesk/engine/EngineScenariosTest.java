package dev.builderdesk.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.SseStream.Frame;
import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent loop end to end over real HTTP with the scripted provider, and the demo model's tour. */
class EngineScenariosTest extends ServerTestBase {
    @BeforeEach
    void start() {
        start(TestServer.Options.defaults(), "vite-react");
    }

    private static List<String> events(List<Frame> frames) {
        return frames.stream().map(Frame::event).toList();
    }

    @Test
    void readThenPatchCompletesWithARevisionAndACheckpoint() {
        String patch = "--- a/src/App.tsx\\n+++ b/src/App.tsx\\n@@ -5,3 +5,3 @@\\n"
                + "   return (\\n     <main className=\\\"app\\\">\\n"
                + "-      <h1>Hello from your new app</h1>\\n+      <h1>Hello, patched</h1>\\n";
        server.llm().script("model-a",
                Reply.toolCall("Reading the component.", "coding_agent_read_file", "{\"path\":\"src/App.tsx\"}"),
                Reply.toolCall("Patching.", "coding_agent_apply_patch", "{\"patch\":\"" + patch + "\"}"),
                Reply.text("Changed the heading."));
        String run = server.createRun(app, Map.of("input", "change the heading")).get("run_id").asText();
        List<Frame> frames = server.streamToEnd(app, run);
        assertThat(events(frames)).containsSubsequence("tool.started", "tool.completed", "tool.started",
                "tool.completed", "revision.created", "checkpoint.created", "run.completed");
        assertThat(events(frames)).doesNotContain("tool.failed");
        JsonNode patched = frames.stream().filter(f -> f.event().equals("tool.completed")).toList().get(1).data()
                .get("payload").get("output");
        assertThat(patched.get("code").asText()).as(patched.toString()).isEqualTo("PATCH_APPLIED");
        String content = server.owner().get("/admin/apps/" + app + "/files/content?path=src/App.tsx").json()
                .get("content").asText();
        assertThat(content).contains("<h1>Hello, patched</h1>");
    }

    @Test
    void aMissingFieldIsAToolFailureFedBackToTheModelWhichRecovers() {
        server.llm().script("model-a",
                Reply.toolCall("Reading.", "coding_agent_read_file", "{\"file_name_typo\":\"src/App.tsx\"}"),
                Reply.toolCall("Again, properly.", "coding_agent_read_file", "{\"path\":\"src/App.tsx\"}"),
                Reply.text("Read it."));
        String run = server.createRun(app, Map.of("input", "read the app")).get("run_id").asText();
        List<Frame> frames = server.streamToEnd(app, run);
        Frame failed = frames.stream().filter(f -> f.event().equals("tool.failed")).findFirst().orElseThrow();
        JsonNode diagnostic = failed.data().get("diagnostics").get(0);
        assertThat(diagnostic.get("code").asText()).isEqualTo("TOOL_INPUT_VALIDATION_FAILED");
        assertThat(diagnostic.get("message").asText()).isEqualTo("Missing required fields: path");
        assertThat(diagnostic.get("fields").toString()).isEqualTo("[\"path\"]");
        assertThat(failed.data().get("payload").get("output").get("received_keys").toString())
                .isEqualTo("[\"file_name_typo\"]");
        JsonNode second = server.llm().requests().get(1).get("messages");
        JsonNode toolMessage = second.get(second.size() - 1);
        assertThat(toolMessage.get("role").asText()).isEqualTo("tool");
        assertThat(toolMessage.get("content").asText()).contains("TOOL_INPUT_VALIDATION_FAILED");
        assertThat(toolMessage.get("tool_call_id").asText()).isNotBlank();
        assertThat(frames.get(frames.size() - 1).event()).isEqualTo("run.completed");
        JsonNode metrics = frames.get(frames.size() - 1).data().get("payload").get("metrics");
        assertThat(metrics.get("tool_calls").asInt()).isEqualTo(2);
        assertThat(metrics.get("tool_failures").asInt()).isEqualTo(1);
    }

    @Test
    void theDemoModelTourFailsOnceRecoversAndLeavesANote() {
        String first = server.createRun(app, Map.of("input", "make the title blue", "model_id",
                TestServer.MODEL_DEMO)).get("run_id").asText();
        List<Frame> frames = server.streamToEnd(app, first);
        List<String> tools = frames.stream().filter(f -> f.event().startsWith("tool.") && !f.event().equals(
                "tool.started")).map(f -> f.event() + " " + f.data().get("payload").get("tool").asText()).toList();
        assertThat(tools).containsExactly("tool.completed coding_agent_list_files",
                "tool.completed coding_agent_read_file", "tool.failed coding_agent_apply_patch",
                "tool.completed coding_agent_apply_patch");
        Frame failed = frames.stream().filter(f -> f.event().equals("tool.failed")).findFirst().orElseThrow();
        assertThat(failed.data().get("diagnostics").get(0).get("message").asText())
                .isEqualTo("Missing required fields: patch");
        assertThat(frames.get(frames.size() - 1).event()).isEqualTo("run.completed");
        String note = server.owner().get("/admin/apps/" + app + "/files/content?path=NOTES.md").json()
                .get("content").asText();
        assertThat(note).contains("> make the title blue");
        String second = server.createRun(app, Map.of("input", "again", "model_id", TestServer.MODEL_DEMO))
                .get("run_id").asText();
        assertThat(server.streamToEnd(app, second).get(0).event()).isEqualTo("run.accepted");
        assertThat(server.awaitStatus(app, second, "completed").get("metrics").get("files_changed").asInt())
                .isEqualTo(1);
        assertThat(server.owner().get("/admin/apps/" + app + "/files/content?path=NOTES-2.md").status())
                .isEqualTo(200);
    }
}

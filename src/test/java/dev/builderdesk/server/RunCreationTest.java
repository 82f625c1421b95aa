package dev.builderdesk.server;

import static dev.builderdesk.testkit.TestServer.runs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONTRACT.md §4.1 and §4.5: the create route's validation order, warnings, history and idempotency. */
class RunCreationTest {
    @TempDir
    Path dir;
    TestServer server;

    private String start(TestServer.Options options) {
        server = TestServer.start(dir, options);
        return server.createApp("app", "vite-react").get("id").asText();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStaleBaseRevisionIsAConflictCheckedBeforeTheInput() {
        String app = start(TestServer.Options.defaults());
        String draft = server.owner().get("/admin/apps/" + app + "/builder/state").json()
                .get("current_draft_revision").get("id").asText();
        String stale = "11111111-1111-4111-8111-111111111111";
        Api.Resp conflict = server.owner().post(runs(app), Map.of("input", "  ", "base_revision_id", stale));
        assertThat(conflict.status()).isEqualTo(409);
        JsonNode detail = conflict.detail();
        assertThat(detail.get("code").asText()).isEqualTo("REVISION_CONFLICT");
        assertThat(detail.get("latest_revision_id").asText()).isEqualTo(draft);
        assertThat(detail.get("message").asText()).isEqualTo("Draft revision is stale");
        assertThat(detail.get("latest_updated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*\\+00:00");
        assertThat(server.owner().post(runs(app), Map.of("input", "go", "base_revision_id", draft)).status())
                .isEqualTo(200);
    }

    @Test
    void blankInputIsRefusedAndAMissingOneIsARequestShapeError() {
        String app = start(TestServer.Options.defaults());
        Api.Resp blank = server.owner().post(runs(app), Map.of("input", " \n\t "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.detailText()).isEqualTo("input is required");
        Api.Resp missing = server.owner().post(runs(app), Map.of());
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.detail().get(0).get("loc").toString()).isEqualTo("[\"body\",\"input\"]");
        assertThat(missing.detail().get(0).get("type").asText()).isEqualTo("missing");
    }

    @Test
    void engineUnknownIsRequestShapeAndOpenCodeMissingIsCoded() {
        String app = start(TestServer.Options.defaults());
        Api.Resp unknown = server.owner().post(runs(app), Map.of("input", "x", "engine", "turbo"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.detail().get(0).get("loc").toString()).isEqualTo("[\"body\",\"engine\"]");
        Api.Resp missing = server.owner().post(runs(app), Map.of("input", "x", "engine", "opencode"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.detail().get("code").asText()).isEqualTo("CODING_AGENT_ENGINE_UNAVAILABLE");
        assertThat(missing.detail().get("field").asText()).isEqualTo("engine");
        assertThat(missing.detail().get("message").asText()).startsWith("OpenCode engine is unavailable: ");
        Map<String, Object> nullEngine = new HashMap<>();
        nullEngine.put("input", "x");
        nullEngine.put("engine", null);
        assertThat(server.owner().post(runs(app), nullEngine).json().get("execution_engine").asText())
                .isEqualTo("native");
    }

    @Test
    void aFailingSandboxPrewarmStillCreatesTheRunWithAWarning() throws Exception {
        String app = start(TestServer.Options.defaults());
        Path sandboxes = server.dataDir().resolve("sandboxes");
        Files.createDirectories(sandboxes.getParent());
        Files.writeString(sandboxes, "a file where the sandboxes folder should be");
        Api.Resp created = server.owner().post(runs(app), Map.of("input", "hello"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("warnings").get(0).asText()).startsWith("Sandbox prewarm failed: ");
        JsonNode settled = server.awaitStatus(app, created.json().get("run_id").asText(), "failed");
        assertThat(settled.get("warnings").get(0).asText()).startsWith("Sandbox prewarm failed: ");
    }

    @Test
    void historyIsNormalisedThePromptAppendedOnceAndCompactedToTheBudget() {
        String app = start(TestServer.Options.defaults().budget(600));
        List<Map<String, Object>> messages = new ArrayList<>();
        messages.add(Map.of("role", " User ", "content", "first question " + "a".repeat(300)));
        messages.add(Map.of("role", "assistant", "content", "first answer " + "b".repeat(300)));
        messages.add(Map.of("role", "tool", "content", "dropped: unknown role"));
        messages.add(Map.of("role", "assistant", "content", "   "));
        messages.add(Map.of("role", "system", "content", "be brief"));
        messages.add(Map.of("role", "user", "content", "make it blue"));
        String runId = server.createRun(app, Map.of("input", "make it blue", "messages", messages))
                .get("run_id").asText();
        server.awaitStatus(app, runId, "completed");
        JsonNode sent = server.llm().requests().get(0).get("messages");
        List<String> seen = new ArrayList<>();
        sent.forEach(m -> seen.add(m.get("role").asText() + ":" + m.get("content").asText()));
        assertThat(seen.get(0)).startsWith("system:You are a coding agent");
        assertThat(seen.subList(1, seen.size())).containsExactly(
                "system:Context compacted: 1 earlier message(s) omitted to stay within budget.",
                "assistant:first answer " + "b".repeat(300),
                "system:be brief",
                "user:make it blue");
    }

    @Test
    void withoutMessagesTheThreadsStoredTurnsAreTheHistory() {
        String app = start(TestServer.Options.defaults());
        server.llm().script("model-a", dev.builderdesk.testkit.ScriptedLlm.Reply.text("Blue it is."));
        JsonNode first = server.createRun(app, Map.of("input", "make it blue"));
        server.awaitStatus(app, first.get("run_id").asText(), "completed");
        String session = first.get("chat_session_id").asText();
        JsonNode second = server.createRun(app, Map.of("input", "now green", "chat_session_id", session));
        server.awaitStatus(app, second.get("run_id").asText(), "completed");
        JsonNode sent = server.llm().requests().get(1).get("messages");
        List<String> seen = new ArrayList<>();
        sent.forEach(m -> seen.add(m.get("role").asText() + ":" + m.get("content").asText()));
        assertThat(seen.subList(1, seen.size())).containsExactly("user:make it blue", "assistant:Blue it is.",
                "user:now green");
        JsonNode thread = server.owner().get("/admin/apps/" + app + "/coding-agent/chat-sessions/" + session).json();
        assertThat(thread.get("session").get("title").asText()).isEqualTo("make it blue");
        assertThat(thread.get("messages")).hasSize(4);
        assertThat(thread.get("messages").get(1).get("model_name").asText()).isEqualTo("Model A");
        Api.Resp foreign = server.owner().post(runs(app), Map.of("input", "x", "chat_session_id",
                "22222222-2222-4222-8222-222222222222"));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.detailText()).isEqualTo("Coding-agent chat session not found");
    }

    @Test
    void aRepeatedClientMessageIdReturnsTheSameRun() {
        String app = start(TestServer.Options.defaults());
        JsonNode first = server.createRun(app, Map.of("input", "once", "client_message_id", "msg-1"));
        String session = first.get("chat_session_id").asText();
        server.awaitStatus(app, first.get("run_id").asText(), "completed");
        JsonNode retry = server.createRun(app, Map.of("input", "once", "client_message_id", "msg-1"));
        JsonNode inSession = server.createRun(app, Map.of("input", "once", "client_message_id", "msg-1",
                "chat_session_id", session));
        assertThat(retry.get("run_id").asText()).isEqualTo(first.get("run_id").asText());
        assertThat(inSession.get("run_id").asText()).isEqualTo(first.get("run_id").asText());
        assertThat(server.owner().get(runs(app)).json()).hasSize(1);
        assertThat(server.llm().requests()).hasSize(1);
        JsonNode other = server.createRun(app, Map.of("input", "twice", "client_message_id", "msg-2"));
        assertThat(other.get("run_id").asText()).isNotEqualTo(first.get("run_id").asText());
    }

    @Test
    void theRunObjectCarriesEveryContractField() {
        String app = start(TestServer.Options.defaults());
        JsonNode run = server.createRun(app, Map.of("input", "hello", "auto_apply", false,
                "compare_group_id", "g1"));
        for (String field : List.of("run_id", "status", "execution_engine", "surface", "published_app_id",
                "base_revision_id", "result_revision_id", "checkpoint_revision_id", "requested_model_id",
                "resolved_model_id", "error", "created_at", "started_at", "completed_at", "chat_session_id",
                "compare_group_id", "auto_apply", "resolved_model_name", "warnings", "usage", "metrics")) {
            assertThat(run.has(field)).as(field).isTrue();
        }
        assertThat(run.get("status").asText()).isEqualTo("queued");
        assertThat(run.get("surface").asText()).isEqualTo("published_app_coding_agent");
        assertThat(run.get("auto_apply").asBoolean()).isFalse();
        assertThat(run.get("created_at").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
        JsonNode group = server.owner().get("/admin/apps/" + app + "/coding-agent/compare-groups/g1").json();
        assertThat(group.get("input").asText()).isEqualTo("hello");
        assertThat(group.get("runs").get(0).get("run_id").asText()).isEqualTo(run.get("run_id").asText());
    }
}

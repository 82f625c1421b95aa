package dev.builderdesk.server;

import static dev.builderdesk.testkit.TestServer.runs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.SseStream.Frame;
import dev.builderdesk.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONTRACT.md §3: folder-backed apps — runs write the folder, checkpoints restore it, user edits are never lost. */
class FolderAppTest {
    @TempDir
    Path dir;
    @TempDir
    Path folder;
    TestServer server;
    String app;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(folder.resolve("src"));
        Files.createDirectories(folder.resolve("node_modules/react"));
        Files.writeString(folder.resolve("index.html"), "<div id=root></div>\n");
        Files.writeString(folder.resolve("src/App.tsx"), "export const title = 'v0';\n");
        Files.writeString(folder.resolve("node_modules/react/index.js"), "module.exports = {};\n");
        server = TestServer.start(dir);
        app = server.owner().post("/admin/apps", Map.of("name", "mine", "workspace_path", folder.toString())).json()
                .get("id").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode editRun(String content) {
        server.llm().script("model-a", Reply.toolCall("Editing.", "coding_agent_write_file",
                "{\"path\":\"src/App.tsx\",\"content\":\"" + content + "\"}"), Reply.text("Edited."));
        String run = server.createRun(app, Map.of("input", "edit")).get("run_id").asText();
        server.streamToEnd(app, run);
        return server.awaitStatus(app, run, "completed");
    }

    private String app(String path) throws IOException {
        return Files.readString(folder.resolve(path));
    }

    @Test
    void adoptingAFolderTakesItsFilesButNotTheBlockedFolders() {
        JsonNode files = server.owner().get("/admin/apps/" + app + "/files").json().get("files");
        assertThat(files).extracting(f -> f.get("path").asText()).containsExactly("index.html", "src/App.tsx");
        JsonNode content = server.owner().get("/admin/apps/" + app + "/files/content?path=src/App.tsx").json();
        assertThat(content.get("content").asText()).isEqualTo("export const title = 'v0';\n");
        assertThat(server.owner().post("/admin/apps", Map.of("name", "x", "workspace_path", "/no/such/folder"))
                .status()).isEqualTo(400);
    }

    @Test
    void anEditRunWritesTheFolderMovesTheDraftAndCreatesACheckpoint() throws IOException {
        String before = server.owner().get("/admin/apps/" + app + "/builder/state").json()
                .get("current_draft_revision").get("id").asText();
        JsonNode run = editRun("export const title = 'v1';\\n");
        assertThat(app("src/App.tsx")).isEqualTo("export const title = 'v1';\n");
        assertThat(app("node_modules/react/index.js")).as("blocked folders are left alone").isNotEmpty();
        try (Stream<Path> all = Files.walk(folder)) {
            assertThat(all.map(Path::toString)).noneMatch(p -> p.endsWith(".bd-tmp"));
        }
        JsonNode state = server.owner().get("/admin/apps/" + app + "/builder/state").json();
        String draft = state.get("current_draft_revision").get("id").asText();
        assertThat(draft).isNotEqualTo(before).isEqualTo(run.get("result_revision_id").asText());
        assertThat(state.get("current_draft_revision").get("source_revision_id").asText()).isEqualTo(before);
        JsonNode checkpoints = server.owner().get("/admin/apps/" + app + "/coding-agent/checkpoints").json();
        assertThat(checkpoints).hasSize(1);
        assertThat(checkpoints.get(0).get("run_id").asText()).isEqualTo(run.get("run_id").asText());
        assertThat(checkpoints.get(0).get("revision_id").asText()).isEqualTo(draft);
        JsonNode diff = server.owner().get("/admin/apps/" + app + "/revisions/" + before + "/diff/" + draft).json();
        assertThat(diff.get("files")).hasSize(1);
        assertThat(diff.get("files").get(0).get("change").asText()).isEqualTo("modified");
        assertThat(diff.get("files").get(0).get("unified_diff").asText()).contains("-export const title = 'v0';")
                .contains("+export const title = 'v1';");
        assertThat(run.get("metrics").get("files_changed").asInt()).isEqualTo(1);
        assertThat(run.get("metrics").get("lines_added").asInt()).isEqualTo(1);
        assertThat(run.get("metrics").get("lines_removed").asInt()).isEqualTo(1);
    }

    @Test
    void restoringAnEarlierCheckpointPutsTheOldFilesBack() throws IOException {
        editRun("export const title = 'v1';\\n");
        editRun("export const title = 'v2';\\nexport const extra = true;\\n");
        assertThat(app("src/App.tsx")).contains("v2");
        JsonNode checkpoints = server.owner().get("/admin/apps/" + app + "/coding-agent/checkpoints").json();
        assertThat(checkpoints).hasSize(2);
        JsonNode earlier = checkpoints.get(1);
        Api.Resp restored = server.owner().post("/admin/apps/" + app + "/coding-agent/checkpoints/"
                + earlier.get("checkpoint_id").asText() + "/restore", Map.of("run_id", earlier.get("run_id").asText()));
        assertThat(restored.status()).isEqualTo(200);
        assertThat(app("src/App.tsx")).isEqualTo("export const title = 'v1';\n");
        String newDraft = restored.json().get("revision").get("id").asText();
        assertThat(newDraft).isNotEqualTo(earlier.get("revision_id").asText());
        assertThat(server.owner().get("/admin/apps/" + app + "/builder/state").json().get("current_draft_revision")
                .get("id").asText()).isEqualTo(newDraft);
        Api.Resp unknown = server.owner().post("/admin/apps/" + app + "/coding-agent/checkpoints/"
                + "44444444-4444-4444-8444-444444444444/restore", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detailText()).isEqualTo("Checkpoint revision not found");
    }

    @Test
    void theUsersOwnEditsBecomeANewDraftAndAStaleClientGetsAConflict() throws IOException {
        String before = server.owner().get("/admin/apps/" + app + "/builder/state").json()
                .get("current_draft_revision").get("id").asText();
        Files.writeString(folder.resolve("src/Button.tsx"), "export const Button = () => null;\n");
        JsonNode state = server.owner().get("/admin/apps/" + app + "/builder/state").json();
        assertThat(state.get("current_draft_revision").get("id").asText()).isNotEqualTo(before);
        assertThat(state.get("current_draft_revision").get("source").asText()).isEqualTo("folder");
        Api.Resp stale = server.owner().post(runs(app), Map.of("input", "x", "base_revision_id", before));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.detail().get("latest_revision_id").asText())
                .isEqualTo(state.get("current_draft_revision").get("id").asText());
    }

    @Test
    void whenTheFolderChangesDuringARunTheResultIsKeptAsACheckpointOnly() throws IOException {
        server.llm().script("model-a", Reply.toolCall("Editing.", "coding_agent_write_file",
                "{\"path\":\"src/App.tsx\",\"content\":\"from the agent\\n\"}"), Reply.text("Done.").paced(400));
        String run = server.createRun(app, Map.of("input", "edit")).get("run_id").asText();
        server.awaitStatus(app, run, "running");
        Files.writeString(folder.resolve("src/App.tsx"), "typed by the user\n");
        List<Frame> events = server.streamToEnd(app, run);
        JsonNode done = server.awaitStatus(app, run, "completed");
        assertThat(app("src/App.tsx")).isEqualTo("typed by the user\n");
        assertThat(done.get("warnings").toString())
                .contains("The app folder changed during the run; the result was kept as a checkpoint");
        assertThat(events).extracting(Frame::event).contains("checkpoint.created");
        String checkpointRevision = done.get("checkpoint_revision_id").asText();
        JsonNode content = server.owner().get("/admin/apps/" + app + "/files/content?path=src/App.tsx&revision_id="
                + checkpointRevision).json();
        assertThat(content.get("content").asText()).isEqualTo("from the agent\n");
    }
}

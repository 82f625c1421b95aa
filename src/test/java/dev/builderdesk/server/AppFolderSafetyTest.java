package dev.builderdesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.SseStream.Frame;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.workspace.ScanRules;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app folder as the user leaves it: a write that cannot happen keeps the result as a checkpoint and moves
 * nothing; a restore that cannot be written answers a coded 409 and leaves the draft; opening a folder never reads
 * the data folder and stops at a bound. No answer names a server path.
 */
class AppFolderSafetyTest {
    @TempDir
    Path dir;
    @TempDir
    Path folder;
    @TempDir
    Path outside;
    TestServer server;
    String app;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(folder.resolve("src"));
        Files.writeString(folder.resolve("src/App.tsx"), "export const v = 0;\n");
        server = TestServer.start(dir);
        app = server.adoptFolder("site", folder);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String draft() {
        return server.draftOf(app);
    }

    private JsonNode run(Reply... replies) {
        server.llm().script("model-a", replies);
        String run = server.createRun(app, Map.of("input", "edit")).get("run_id").asText();
        return server.awaitStatus(app, run, "completed", "failed");
    }

    private Api.Resp restore(JsonNode checkpoint) {
        return server.owner().post("/admin/apps/" + app + "/coding-agent/checkpoints/"
                + checkpoint.get("checkpoint_id").asText() + "/restore", Map.of());
    }

    private JsonNode checkpoints() {
        return server.owner().get("/admin/apps/" + app + "/coding-agent/checkpoints").json();
    }

    @Test
    void aRunWhoseFolderWriteFailsCompletesWithItsCheckpointAndAWarningAndTheDraftStays() throws IOException {
        // No extension: not part of the app, but it stands where the run's new folder must go.
        Files.writeString(folder.resolve("src/widgets"), "a file, not a folder\n");
        String before = draft();
        JsonNode done = run(Reply.toolCall("Two files.", "coding_agent_write_file",
                        "{\"path\":\"src/App.tsx\",\"content\":\"export const v = 1;\\n\"}"),
                Reply.toolCall(null, "coding_agent_write_file",
                        "{\"path\":\"src/widgets/Card.tsx\",\"content\":\"export const Card = 1;\\n\"}"),
                Reply.text("Done."));
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("warnings")).hasSize(1);
        String warning = done.get("warnings").get(0).asText();
        assertThat(warning).isEqualTo("The app folder could not be written, so the result was kept as a checkpoint:"
                + " Cannot write src/widgets/Card.tsx: src/widgets is a file where a folder is needed. Nothing in the"
                + " app folder was changed.");
        assertThat(warning).doesNotContain(folder.toString()).doesNotContain(dir.toString());
        List<Frame> log = server.streamToEnd(app, done.get("run_id").asText());
        JsonNode diagnostics = log.get(log.size() - 1).data().get("diagnostics");
        assertThat(diagnostics).hasSize(1);
        assertThat(diagnostics.get(0).get("code").asText()).isEqualTo("APP_FOLDER_WRITE_FAILED");
        assertThat(diagnostics.get(0).get("message").asText()).isEqualTo(warning);
        assertThat(draft()).as("the draft pointer did not move").isEqualTo(before);
        assertThat(Files.readString(folder.resolve("src/App.tsx"))).isEqualTo("export const v = 0;\n");
        assertNoTemporaryFile();
        JsonNode checkpoints = checkpoints();
        assertThat(checkpoints).hasSize(1);
        assertThat(done.get("result_revision_id").asText()).isEqualTo(checkpoints.get(0).get("revision_id").asText());

        Files.delete(folder.resolve("src/widgets"));
        Api.Resp restored = restore(checkpoints.get(0));
        assertThat(restored.status()).isEqualTo(200);
        assertThat(Files.readString(folder.resolve("src/widgets/Card.tsx"))).isEqualTo("export const Card = 1;\n");
        assertThat(Files.readString(folder.resolve("src/App.tsx"))).isEqualTo("export const v = 1;\n");
        assertThat(draft()).isEqualTo(restored.json().get("revision").get("id").asText());
    }

    @Test
    void aRestoreThroughAFolderLinkAnswersACoded409AndLeavesTheDraftAndTheFolder() throws IOException {
        JsonNode done = run(Reply.toolCall(null, "coding_agent_write_file",
                "{\"path\":\"lib/util.ts\",\"content\":\"export const u = 1;\\n\"}"), Reply.text("Added."));
        assertThat(done.get("warnings")).isEmpty();
        Files.delete(folder.resolve("lib/util.ts"));
        Files.delete(folder.resolve("lib"));
        Files.createSymbolicLink(folder.resolve("lib"), outside);
        Files.writeString(folder.resolve("src/App.tsx"), "export const v = 2;\n");
        String before = draft();

        Api.Resp refused = restore(checkpoints().get(0));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.detail().get("code").asText()).isEqualTo("APP_FOLDER_WRITE_FAILED");
        assertThat(refused.detail().get("message").asText()).isEqualTo("Cannot write lib/util.ts: lib is a folder"
                + " link (a symbolic link) that escapes the app folder. Nothing in the app folder was changed.");
        assertThat(refused.raw()).doesNotContain(folder.toString()).doesNotContain(outside.toString());
        assertThat(draft()).isEqualTo(before);
        assertThat(Files.readString(folder.resolve("src/App.tsx"))).isEqualTo("export const v = 2;\n");
        try (Stream<Path> written = Files.list(outside)) {
            assertThat(written).isEmpty();
        }
        assertNoTemporaryFile();

        Files.delete(folder.resolve("lib"));
        Api.Resp restored = restore(checkpoints().get(0));
        assertThat(restored.status()).isEqualTo(200);
        assertThat(Files.readString(folder.resolve("lib/util.ts"))).isEqualTo("export const u = 1;\n");
        assertThat(Files.readString(folder.resolve("src/App.tsx"))).isEqualTo("export const v = 0;\n");
    }

    @Test
    void openingAFolderThatHoldsTheDataFolderReadsNoneOfItsFiles() {
        // dir holds the server's data folder (dir/data: database, lock, token, sandboxes) and its configuration.
        Api.Resp adopted = server.owner().post("/admin/apps", Map.of("name", "home", "workspace_path",
                dir.toString()));
        assertThat(adopted.status()).isEqualTo(200);
        JsonNode files = server.owner().get("/admin/apps/" + adopted.json().get("id").asText() + "/files").json()
                .get("files");
        assertThat(files).extracting(f -> f.get("path").asText()).containsExactly("server.yaml");
        assertThat(server.owner().get("/health").status()).isEqualTo(200);
        assertThat(run(Reply.text("Still fine.")).get("status").asText()).isEqualTo("completed");

        Api.Resp own = server.owner().post("/admin/apps", Map.of("name", "data", "workspace_path",
                server.dataDir().resolve("sandboxes").toString()));
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.detail().get("code").asText()).isEqualTo("APP_FOLDER_NOT_ALLOWED");
        assertThat(own.detail().get("field").asText()).isEqualTo("workspace_path");
    }

    @Test
    void aFolderPastTheBoundIsRefusedWithACodedMessageAndNothingIsCreated() throws IOException {
        Path big = Files.createDirectories(outside.resolve("home/Videos"));
        Files.writeString(outside.resolve("home/notes.md"), "# notes\n");
        try (RandomAccessFile video = new RandomAccessFile(big.resolve("trip.png").toFile(), "rw")) {
            video.setLength(ScanRules.MAX_BYTES + 1);
        }
        int appsBefore = server.owner().get("/admin/apps").json().size();
        Api.Resp refused = server.owner().post("/admin/apps", Map.of("name", "home", "workspace_path",
                outside.resolve("home").toString()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail().get("code").asText()).isEqualTo("APP_FOLDER_TOO_LARGE");
        assertThat(refused.detail().get("field").asText()).isEqualTo("workspace_path");
        assertThat(refused.detail().get("message").asText()).startsWith("The folder is too large to open as an app:"
                + " more than 64 MiB in files");
        assertThat(server.owner().get("/admin/apps").json()).hasSize(appsBefore);
        assertThat(server.owner().get("/health").status()).isEqualTo(200);
    }

    @Test
    void anAppWhoseFolderGrewPastTheBoundAnswersCodedAndStillLists() throws IOException {
        try (RandomAccessFile video = new RandomAccessFile(folder.resolve("src/intro.png").toFile(), "rw")) {
            video.setLength(ScanRules.MAX_BYTES + 1);
        }
        Api.Resp state = server.owner().get("/admin/apps/" + app + "/builder/state");
        assertThat(state.status()).isEqualTo(400);
        assertThat(state.detail().get("code").asText()).isEqualTo("APP_FOLDER_TOO_LARGE");
        assertThat(server.owner().get("/admin/apps").status()).isEqualTo(200);
    }

    private void assertNoTemporaryFile() throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            assertThat(all.map(Path::toString)).noneMatch(p -> p.endsWith(".bd-tmp"));
        }
    }
}

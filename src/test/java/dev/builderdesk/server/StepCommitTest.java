package dev.builderdesk.server;

import static dev.builderdesk.testkit.TestServer.runs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.SseStream.Frame;
import dev.builderdesk.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0011: a committed step is never repeated. The server is stopped and its database put back into the state a
 * {@code kill -9} leaves at a step boundary (the run still {@code running}, the log cut after the boundary's event),
 * then started again: recovery continues after the committed step — no second model call, no second checkpoint,
 * the answer once, no false warning. (CrashRecoveryIT and DataSafetyIT kill the packaged server for real.)
 */
class StepCommitTest {
    private static final String ANSWER = "Edited the title once.";

    @TempDir
    Path dir;
    @TempDir
    Path folder;
    TestServer server;
    String app;
    String base;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(folder.resolve("src"));
        Files.writeString(folder.resolve("src/App.tsx"), "export const title = 'v0';\n");
        server = TestServer.start(dir);
        app = server.adoptFolder("site", folder);
        base = server.draftOf(app);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String editRun() {
        server.llm().script("model-a", Reply.toolCall("Editing.", "coding_agent_write_file",
                "{\"path\":\"src/App.tsx\",\"content\":\"export const title = 'v1';\\n\"}"), Reply.text(ANSWER));
        String run = server.createRun(app, Map.of("input", "edit the title")).get("run_id").asText();
        server.awaitStatus(app, run, "completed");
        return run;
    }

    @Test
    void aRunKilledRightAfterCheckpointCreatedFinishesWithThatCheckpointAndAsksTheModelNothing() throws Exception {
        String run = editRun();
        server.restart(() -> {
            try (Connection c = server.database()) {
                cutLogAfter(c, run, "checkpoint.created");
                // Killed after the folder was written, before the draft pointer moved.
                update(c, "UPDATE apps SET current_draft_revision_id = ? WHERE id = ?", base, app);
            }
        });
        JsonNode done = server.awaitStatus(app, run, "completed");
        assertRecoveredOnce(run, done);
    }

    @Test
    void aRunKilledAfterItsAnswerStepCommitsTheResultWithoutAskingTheModelAgain() throws Exception {
        String run = editRun();
        server.restart(() -> {
            try (Connection c = server.database()) {
                // The answer step (usage.updated with the conversation) was the last thing committed.
                cutLogAfter(c, run, "usage.updated");
                String revision = query(c, "SELECT revision_id FROM checkpoints WHERE run_id = ?", run);
                update(c, "DELETE FROM checkpoints WHERE run_id = ?", run);
                update(c, "DELETE FROM revision_files WHERE revision_id = ?", revision);
                update(c, "DELETE FROM revisions WHERE id = ?", revision);
                update(c, "UPDATE runs SET result_revision_id = NULL, checkpoint_revision_id = NULL WHERE id = ?",
                        run);
                update(c, "UPDATE apps SET current_draft_revision_id = ? WHERE id = ?", base, app);
            }
            // The sandbox still holds the run's work, the folder does not yet.
            Path sandbox = server.dataDir().resolve("sandboxes/" + run + "/src");
            Files.createDirectories(sandbox);
            Files.writeString(sandbox.resolve("App.tsx"), "export const title = 'v1';\n");
            Files.writeString(folder.resolve("src/App.tsx"), "export const title = 'v0';\n");
        });
        JsonNode done = server.awaitStatus(app, run, "completed");
        assertRecoveredOnce(run, done);
    }

    private void assertRecoveredOnce(String run, JsonNode done) throws IOException {
        assertThat(server.llm().requests()).as("the model was asked for each step once").hasSize(2);
        JsonNode checkpoints = server.owner().get("/admin/apps/" + app + "/coding-agent/checkpoints").json();
        assertThat(checkpoints).hasSize(1);
        assertThat(done.get("warnings")).as("no false 'the app folder changed'").isEmpty();
        assertThat(done.get("result_revision_id").asText()).isEqualTo(checkpoints.get(0).get("revision_id").asText());
        assertThat(server.draftOf(app)).isEqualTo(done.get("result_revision_id").asText());
        assertThat(Files.readString(folder.resolve("src/App.tsx"))).isEqualTo("export const title = 'v1';\n");
        List<Frame> log = server.streamToEnd(app, run);
        for (int i = 0; i < log.size(); i++) {
            assertThat(log.get(i).seq()).as("no hole in the log").isEqualTo(i + 1L);
        }
        assertThat(log.stream().filter(f -> f.event().equals("checkpoint.created"))).hasSize(1);
        assertThat(log.stream().filter(f -> f.event().startsWith("run.") && !f.event().equals("run.accepted")))
                .extracting(Frame::event).containsExactly("run.completed");
        String text = log.stream().filter(f -> f.event().equals("assistant.delta"))
                .map(f -> f.data().get("payload").get("content").asText()).collect(Collectors.joining());
        assertThat(occurrences(text, ANSWER)).as("the answer once in " + text).isEqualTo(1);
        JsonNode thread = server.owner().get("/admin/apps/" + app + "/coding-agent/chat-sessions/"
                + done.get("chat_session_id").asText()).json().get("messages");
        assertThat(thread).extracting(m -> m.get("role").asText()).containsExactly("user", "assistant");
        assertThat(occurrences(thread.get(1).get("content").asText(), ANSWER)).isEqualTo(1);
        assertThat(server.owner().get(runs(app) + "/" + run).json().get("status").asText()).isEqualTo("completed");
    }

    /** The state a kill leaves right after {@code event}: the run running, nothing after that event. */
    private static void cutLogAfter(Connection c, String run, String event) throws SQLException {
        long seq = Long.parseLong(query(c, "SELECT MAX(seq) FROM run_events WHERE run_id = ? AND event = ?", run,
                event));
        update(c, "DELETE FROM run_events WHERE run_id = ? AND seq > ?", run, seq);
        update(c, "UPDATE runs SET status = 'running', completed_at = NULL WHERE id = ?", run);
        update(c, "DELETE FROM chat_turns WHERE run_id = ? AND role = 'assistant'", run);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            ps.executeUpdate();
        }
    }

    private static String query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }
}

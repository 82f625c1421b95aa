package dev.builderdesk.ui.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.TestServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rail's files against the real server: the draft's tree, then what a finished run changed. */
class FilesViewModelTest extends ServerTestBase {
    FilesViewModel files;

    @BeforeEach
    void start() {
        start(TestServer.Options.defaults(), "vite-react");
        files = new FilesViewModel(client(), Runnable::run, Runnable::run);
    }

    @Test
    void showsTheDraftThenMarksWhatARunAddedUntilAnotherAppIsLoaded() {
        files.load(app).join();
        assertThat(files.rows()).anyMatch(r -> r.path().equals("src/App.tsx") && r.change().isEmpty());
        assertThat(files.rows()).noneMatch(r -> r.path().equals("NOTES.md"));
        String draft = server.owner().get("/admin/apps/" + app + "/builder/state").json()
                .get("current_draft_revision").get("id").asText();
        assertThat(files.titleProperty().get()).isEqualTo("FILES · draft " + draft.substring(0, 6));

        String runId = server.createRun(app, Map.of("input", "add notes", "model_id", TestServer.MODEL_DEMO))
                .get("run_id").asText();
        JsonNode run = server.awaitStatus(app, runId, "completed");
        files.showRunChanges(app, run.get("base_revision_id").asText(), run.get("result_revision_id").asText())
                .join();
        assertThat(files.rows()).anyMatch(r -> r.path().equals("NOTES.md") && r.change().equals("A"));
        assertThat(files.rows()).anyMatch(r -> r.path().equals("src/App.tsx") && r.change().isEmpty());

        files.load(app).join();
        assertThat(files.rows()).allMatch(r -> r.change().isEmpty());
    }
}

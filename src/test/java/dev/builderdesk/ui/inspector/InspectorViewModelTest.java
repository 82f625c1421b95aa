package dev.builderdesk.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.client.ClientRuntime;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.composer.ComposerViewModel;
import dev.builderdesk.ui.picker.ModelChoice;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import dev.builderdesk.ui.timeline.TimelineItem;
import dev.builderdesk.ui.timeline.TimelineViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run inspector wired to a composer as the main window wires them, against the real server (two model steps
 * per run, so a longer tool loop pauses): what it shows for a run, and Retry, Resume and Revert doing what they say.
 */
class InspectorViewModelTest {
    @TempDir
    Path dir;
    TestServer server;
    ClientRuntime runtime;
    String app;
    final LinkedBlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
    final Executor ui = uiQueue::add;
    final TimelineViewModel timeline = new TimelineViewModel();
    final ModelPickerViewModel picker = new ModelPickerViewModel();
    ComposerViewModel composer;
    InspectorViewModel inspector;

    @BeforeEach
    void start() {
        server = TestServer.start(dir, TestServer.Options.defaults().maxSteps(2));
        runtime = new ClientRuntime();
        RunApiClient client = RunApiClient.connect(runtime, ServerConnection.of(server.baseUrl(),
                TestServer.ACME_OWNER));
        app = server.createApp("app", "vite-react").get("id").asText();
        picker.setModels(List.of(new ModelChoice(TestServer.MODEL_A, "Model A", "model-a", "scripted", null, true)));
        composer = new ComposerViewModel(client, ui, Runnable::run, timeline, picker);
        composer.appIdProperty().set(app);
        inspector = new InspectorViewModel(client, ui, Runnable::run);
        composer.onRunChanged(id -> inspector.show(app, id));
        inspector.onRetry(composer::retry);
        inspector.onResume(composer::resume);
        inspector.onReverted(composer::refreshBase);
    }

    @AfterEach
    void stop() {
        composer.close();
        runtime.close();
        server.close();
    }

    private void pumpUntil(BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out; running=" + composer.runningProperty().get() + " run="
                        + inspector.runProperty().get() + " error=" + composer.error() + " items="
                        + timeline.items());
            }
            Runnable r = uiQueue.poll(50, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
        }
    }

    private boolean settled(String status) {
        return !composer.runningProperty().get() && inspector.runProperty().get() != null
                && inspector.runProperty().get().status().equals(status);
    }

    private String field(String label) {
        return inspector.fields().stream().filter(f -> f.label().equals(label)).findFirst().orElseThrow().value();
    }

    @Test
    void aFailedRunShowsItsCodeAndRetrySendsTheSamePromptWithTheSameModel() throws Exception {
        server.llm().script("model-a", Reply.status(401, "Incorrect API key provided"));
        picker.choose(picker.choiceFor(TestServer.MODEL_A));
        composer.promptProperty().set("add a footer");
        composer.send();
        pumpUntil(() -> settled("failed"));
        assertThat(field("Status")).startsWith("failed · ");
        assertThat(field("Model asked for")).isEqualTo("Model A");
        assertThat(field("Model id")).isEqualTo(TestServer.MODEL_A);
        assertThat(inspector.canRetry().get()).isTrue();
        assertThat(inspector.canResume().get()).isFalse();
        String failed = inspector.runProperty().get().runId();

        picker.choose(ModelChoice.AUTO);
        server.llm().script("model-a", Reply.text("Footer added."));
        inspector.retry();
        pumpUntil(() -> settled("completed") && !inspector.runProperty().get().runId().equals(failed));
        JsonNode retried = server.owner().get(TestServer.runs(app) + "/" + inspector.runProperty().get().runId())
                .json();
        assertThat(retried.get("input").asText()).isEqualTo("add a footer");
        assertThat(retried.get("requested_model_id").asText()).isEqualTo(TestServer.MODEL_A);
        assertThat(retried.get("chat_session_id").asText()).isEqualTo(composer.sessionIdProperty().get());
    }

    @Test
    void resumeContinuesAPausedRunAndTheTimelineFollowsOnWithoutRepeatingEvents() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.llm().script("model-a", Reply.toolCall(null, "coding_agent_list_files", "{}"));
        }
        server.llm().script("model-a", Reply.text("Done after resuming."));
        composer.promptProperty().set("look around");
        composer.send();
        pumpUntil(() -> settled("paused"));
        assertThat(inspector.canResume().get()).isTrue();
        assertThat(inspector.canCancel().get()).isFalse();

        inspector.resume();
        pumpUntil(() -> settled("completed"));
        assertThat(timeline.items()).filteredOn(i -> i instanceof TimelineItem.UserTurn).hasSize(1);
        assertThat(timeline.items()).filteredOn(i -> i instanceof TimelineItem.ToolCall)
                .as("each tool call once, though the stream was opened twice").hasSize(3);
        assertThat(timeline.items()).last().isInstanceOf(TimelineItem.RunOutcome.class);
        assertThat(field("Model steps")).isEqualTo("4");
    }

    private String edit(String content) throws InterruptedException {
        server.llm().script("model-a", Reply.toolCall("Editing.", "coding_agent_write_file",
                "{\"path\":\"src/App.tsx\",\"content\":\"" + content + "\\n\"}"), Reply.text("Edited."));
        composer.promptProperty().set("set the app to " + content);
        composer.send();
        pumpUntil(() -> settled("completed"));
        return inspector.runProperty().get().runId();
    }

    @Test
    void revertBringsTheDraftBackToHowThatRunLeftIt() throws Exception {
        String path = "/admin/apps/" + app + "/files/content?path=src/App.tsx";
        String first = edit("export const v = 1;");
        edit("export const v = 2;");
        assertThat(server.owner().get(path).json().get("content").asText()).isEqualTo("export const v = 2;\n");

        inspector.show(app, first);
        pumpUntil(() -> inspector.runProperty().get().runId().equals(first));
        assertThat(inspector.canRevert().get()).isTrue();
        inspector.revert();
        pumpUntil(() -> !inspector.messageProperty().get().isEmpty());
        assertThat(inspector.messageProperty().get()).startsWith("Restored");
        assertThat(server.owner().get(path).json().get("content").asText()).isEqualTo("export const v = 1;\n");
    }
}

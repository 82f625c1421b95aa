package dev.builderdesk.ui.composer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.client.internal.ClientRuntime;
import dev.builderdesk.client.internal.RunApiClients;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.picker.ModelChoice;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import dev.builderdesk.ui.timeline.ThreadViewModel;
import dev.builderdesk.ui.timeline.TimelineItem;
import dev.builderdesk.ui.timeline.TimelineViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composer without a display, against the real server: the UI executor is a queue this test drains, so every
 * hop to the "UI thread" is explicit.
 */
class ComposerViewModelTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static ClientRuntime runtime;
    static RunApiClient client;
    static String app;

    final LinkedBlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
    final Executor ui = uiQueue::add;
    ThreadViewModel thread;
    TimelineViewModel timeline;
    final ModelPickerViewModel picker = new ModelPickerViewModel();

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
        runtime = new ClientRuntime();
        client = RunApiClients.connect(runtime, ServerConnection.of(server.baseUrl(), TestServer.ACME_OWNER));
        app = server.createApp("app", "vite-react").get("id").asText();
    }

    @AfterAll
    static void stop() {
        runtime.close();
        server.close();
    }

    private ComposerViewModel composer() {
        thread = new ThreadViewModel(client, ui, Runnable::run);
        thread.newThread(app);
        timeline = thread.timeline();
        ComposerViewModel c = new ComposerViewModel(client, ui, Runnable::run, thread, picker);
        c.appIdProperty().set(app);
        return c;
    }

    /** Runs UI work until {@code done} holds. */
    private void pumpUntil(java.util.function.BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out");
            }
            Runnable r = uiQueue.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
        }
    }

    @Test
    void sendIsDisabledWhileBlankOrRunningAndThePromptClearsOnlyOnceTheRunExists() throws Exception {
        ComposerViewModel c = composer();
        assertThat(c.canSendProperty().get()).isFalse();
        c.promptProperty().set("hello there");
        assertThat(c.canSendProperty().get()).isTrue();
        c.send();
        assertThat(c.runningProperty().get()).isTrue();
        assertThat(c.canSendProperty().get()).isFalse();
        pumpUntil(() -> !c.runningProperty().get());
        assertThat(c.promptProperty().get()).isEmpty();
        assertThat(timeline.items()).last().isInstanceOf(TimelineItem.RunOutcome.class);
        assertThat(c.sessionIdProperty().get()).isNotNull();
    }

    @Test
    void autoSendsNoModelAndAPickedModelIsSentByIdOnTheSameThread() throws Exception {
        ComposerViewModel c = composer();
        c.promptProperty().set("first");
        c.send();
        pumpUntil(() -> !c.runningProperty().get());
        picker.choose(new ModelChoice(TestServer.MODEL_B, "Model B", "model-b", "scripted", null, true));
        c.promptProperty().set("second");
        c.send();
        pumpUntil(() -> !c.runningProperty().get());
        var runs = server.owner().get(TestServer.runs(app) + "?chat_session_id=" + c.sessionIdProperty().get())
                .json();
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("requested_model_id").asText()).isEqualTo(TestServer.MODEL_B);
        assertThat(runs.get(1).get("requested_model_id").isNull()).isTrue();
        assertThat(timeline.items()).anyMatch(i -> i instanceof TimelineItem.TurnHeader a
                && a.modelLabel().equals("Model B"));
        assertThat(timeline.items()).anyMatch(i -> i instanceof TimelineItem.TurnHeader a
                && a.modelLabel().equals("Auto → Model A"));
    }

    @Test
    void aRevisionConflictIsRefreshedAndResentOnce() throws Exception {
        ComposerViewModel c = composer();
        c.refreshBase().join();
        String stale = server.owner().get("/admin/apps/" + app + "/builder/state").json()
                .get("current_draft_revision").get("id").asText();
        String other = server.createRun(app, java.util.Map.of("input", "change a file", "model_id",
                TestServer.MODEL_DEMO)).get("run_id").asText();
        server.awaitStatus(app, other, "completed");
        String latest = server.owner().get("/admin/apps/" + app + "/builder/state").json()
                .get("current_draft_revision").get("id").asText();
        assertThat(latest).isNotEqualTo(stale);
        c.promptProperty().set("based on what I saw");
        c.send();
        pumpUntil(() -> !c.runningProperty().get());
        assertThat(c.error()).isEmpty();
        assertThat(c.noticeProperty().get())
                .isEqualTo("The app changed since you started typing — refreshed and resent.");
        var run = server.owner().get(TestServer.runs(app) + "?limit=1").json().get(0);
        assertThat(run.get("input").asText()).isEqualTo("based on what I saw");
        assertThat(run.get("base_revision_id").asText()).isEqualTo(latest);
    }

    @Test
    void anUnavailableModelKeepsThePromptAndSaysWhatToDo() throws Exception {
        ComposerViewModel c = composer();
        picker.choose(new ModelChoice(TestServer.MODEL_INACTIVE, "Inactive Model", "x", "scripted", null, true));
        c.promptProperty().set("keep me");
        c.send();
        pumpUntil(() -> !c.runningProperty().get());
        assertThat(c.promptProperty().get()).isEqualTo("keep me");
        assertThat(c.error()).isEqualTo("The selected model is unavailable. Your prompt is kept: switch to Auto or"
                + " pick another model.");
        assertThat(c.problemProperty().get().fix()).isEqualTo(Problem.Fix.SWITCH_TO_AUTO);
        assertThat(timeline.items()).isEmpty();
        assertThat(picker.selectedProperty().get().id()).as("no silent fallback to Auto")
                .isEqualTo(TestServer.MODEL_INACTIVE);

        c.fix();
        assertThat(picker.selectedProperty().get().isAuto()).isTrue();
        assertThat(c.error()).isEmpty();
        assertThat(c.promptProperty().get()).as("the fix never sends or clears on its own").isEqualTo("keep me");
        c.send();
        pumpUntil(() -> !c.runningProperty().get());
        assertThat(c.promptProperty().get()).isEmpty();
        assertThat(server.owner().get(TestServer.runs(app) + "?limit=1").json().get(0).get("input").asText())
                .isEqualTo("keep me");
    }
}

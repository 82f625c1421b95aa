package dev.builderdesk.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.client.internal.ClientRuntime;
import dev.builderdesk.client.internal.RunApiClients;
import dev.builderdesk.protocol.ExecutionEngine;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.testkit.RunLog;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.composer.ComposerViewModel;
import dev.builderdesk.ui.fx.Durations;
import dev.builderdesk.ui.inspector.InspectorViewModel.Action;
import dev.builderdesk.ui.picker.ModelChoice;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import dev.builderdesk.protocol.FileDiff;
import dev.builderdesk.ui.timeline.RevertViewModel;
import dev.builderdesk.ui.timeline.ThreadViewModel;
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
    ThreadViewModel thread;
    TimelineViewModel timeline;
    RevertViewModel revert;
    final ModelPickerViewModel picker = new ModelPickerViewModel();
    ComposerViewModel composer;
    InspectorViewModel inspector;
    RunApiClient client;
    boolean serverGone;

    @BeforeEach
    void start() {
        server = TestServer.start(dir, TestServer.Options.defaults().maxSteps(2));
        runtime = new ClientRuntime();
        client = RunApiClients.connect(runtime, ServerConnection.of(server.baseUrl(),
                TestServer.ACME_OWNER));
        app = server.createApp("app", "vite-react").get("id").asText();
        picker.setModels(List.of(new ModelChoice(TestServer.MODEL_A, "Model A", "model-a", "scripted", null, true)));
        thread = new ThreadViewModel(client, ui, Runnable::run);
        thread.newThread(app);
        timeline = thread.timeline();
        composer = new ComposerViewModel(client, ui, Runnable::run, thread, picker);
        composer.appIdProperty().set(app);
        inspector = new InspectorViewModel(client, ui, Runnable::run);
        thread.onRunChanged(id -> inspector.show(app, id));
        inspector.onRetry(composer::retry);
        inspector.onResume(composer::resume);
        revert = new RevertViewModel(client, ui, Runnable::run, timeline);
        revert.setApp(app);
        inspector.onRevert(revert::ask);
        revert.onDraftChanged(composer::refreshBase);
    }

    @AfterEach
    void stop() {
        composer.close();
        runtime.close();
        if (!serverGone) {
            server.close();
        }
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
        return row(label).value();
    }

    private InspectorViewModel.Field row(String label) {
        return inspector.fields().stream().filter(f -> f.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " in " + inspector.fields()));
    }

    @Test
    void aFailedRunShowsItsCodeAndRetrySendsTheSamePromptWithTheSameModel() throws Exception {
        server.llm().script("model-a", Reply.status(401, "Incorrect API key provided"));
        picker.choose(picker.choiceFor(TestServer.MODEL_A));
        composer.promptProperty().set("add a footer");
        composer.send();
        pumpUntil(() -> settled("failed"));
        assertThat(inspector.statusProperty().get()).isEqualTo(RunStatus.FAILED);
        assertThat(inspector.statusTextProperty().get()).isEqualTo("Failed");
        assertThat(field("Error code")).isEqualTo("PROVIDER_AUTH_FAILED");
        assertThat(field("Model")).as("asked for explicitly, and that one ran").isEqualTo("Model A");
        assertThat(field("Model id")).isEqualTo(TestServer.MODEL_A);
        assertThat(row("Model id").shown()).isEqualTo(TestServer.MODEL_A.substring(0, 8));
        assertThat(row("Run").kind()).isEqualTo(InspectorViewModel.Kind.ID);
        assertThat(inspector.engineProperty().get()).isEqualTo(ExecutionEngine.NATIVE);
        assertThat(field("Engine")).isEqualTo("Native");
        assertThat(inspector.canRetry().get()).isTrue();
        assertThat(inspector.canResume().get()).isFalse();
        assertThat(inspector.whyNot(Action.RESUME).get()).isEqualTo("Only a paused run can be resumed");
        assertThat(inspector.whyNot(Action.CANCEL).get()).isEqualTo("The run has ended");
        assertThat(inspector.whyNot(Action.REVERT).get()).isEqualTo("This run left no checkpoint");
        assertThat(inspector.whyNot(Action.RETRY).get()).isEmpty();
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
        assertThat(inspector.whyNot(Action.CANCEL).get()).isEqualTo("The run is paused, not running");
        assertThat(inspector.whyNot(Action.RETRY).get()).isEqualTo("Retry is for a failed or cancelled run");
        assertThat(inspector.whyNot(Action.REVERT).get()).isEqualTo("The run has not finished");
        assertThat(field("Paused")).isEqualTo(RunDetails.pausedDetail(inspector.runProperty().get()));
        assertThat(field("Model")).isEqualTo("Auto → Model A");

        inspector.resume();
        pumpUntil(() -> settled("completed"));
        assertThat(inspector.fields()).extracting(InspectorViewModel.Field::label).doesNotContain("Paused");
        String run = inspector.runProperty().get().runId();
        List<Long> segments = RunLog.segmentMillis(RunLog.whole(server, app, run));
        assertThat(segments).hasSize(2);
        assertThat(field("Duration")).as("summed over the segments %s", segments)
                .isEqualTo(Durations.format(segments.stream().mapToLong(Long::longValue).sum()));
        assertThat(timeline.items()).filteredOn(i -> i instanceof TimelineItem.UserTurn).hasSize(1);
        assertThat(timeline.items().stream().mapToInt(i -> i instanceof TimelineItem.ToolGroup g ? g.calls().size()
                : i instanceof TimelineItem.ToolCall ? 1 : 0).sum())
                .as("each tool call once, though the stream was opened twice").isEqualTo(3);
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
    void revertAsksNamingTheFilesItUndoesMarksTheTimelineAndUndoBringsTheLaterFilesBack() throws Exception {
        String path = "/admin/apps/" + app + "/files/content?path=src/App.tsx";
        String first = edit("export const v = 1;");
        edit("export const v = 2;");
        String later = server.owner().get(path).json().get("content").asText();
        assertThat(later).isEqualTo("export const v = 2;\n");

        inspector.show(app, first);
        pumpUntil(() -> inspector.runProperty().get() != null
                && inspector.runProperty().get().runId().equals(first));
        assertThat(inspector.canRevert().get()).isTrue();
        inspector.revert();
        pumpUntil(() -> revert.pendingProperty().get() != null);
        assertThat(server.owner().get(path).json().get("content").asText()).as("nothing before the yes")
                .isEqualTo(later);
        assertThat(revert.pendingProperty().get().undone()).extracting(FileDiff::path).containsExactly("src/App.tsx");

        revert.confirm();
        pumpUntil(() -> marker() != null);
        assertThat(server.owner().get(path).json().get("content").asText()).isEqualTo("export const v = 1;\n");
        assertThat(marker().text()).contains("undid 1 file: src/App.tsx");

        timeline.undoRevert(marker());
        pumpUntil(() -> marker().undone());
        assertThat(server.owner().get(path).json().get("content").asText()).as("byte for byte").isEqualTo(later);
    }

    private Run created(String input, Reply... replies) throws Exception {
        server.llm().script("model-a", replies);
        return Json.mapper().treeToValue(server.createRun(app, java.util.Map.of("input", input)), Run.class);
    }

    @Test
    void offlineARunThatCouldStillChangeShowsStatusUnknownAndNoActionAppliesUntilTheServerIsBack()
            throws Exception {
        java.util.concurrent.Semaphore tap = new java.util.concurrent.Semaphore(0);
        Run run = created("hold on", Reply.onTap(List.of("Holding ", "on."), tap));
        server.awaitStatus(app, run.runId(), "running");
        inspector.show(app, run.runId());
        pumpUntil(() -> inspector.statusProperty().get() == RunStatus.RUNNING);
        assertThat(inspector.statusTextProperty().get()).isEqualTo("Running");
        assertThat(inspector.canCancel().get()).isTrue();

        inspector.markOffline(true);
        assertThat(inspector.statusTextProperty().get()).isEqualTo("status unknown (offline)");
        assertThat(inspector.statusKnownProperty().get()).isFalse();
        for (Action a : Action.values()) {
            assertThat(inspector.can(a).get()).as(a.name()).isFalse();
            assertThat(inspector.whyNot(a).get()).as(a.name()).isEqualTo("The server is unreachable");
        }
        tap.release(2);
        server.awaitStatus(app, run.runId(), "completed");
        inspector.markOffline(false);
        pumpUntil(() -> inspector.statusProperty().get() == RunStatus.COMPLETED);
        assertThat(inspector.statusTextProperty().get()).as("fetched again once back").isEqualTo("Completed");
        assertThat(inspector.statusKnownProperty().get()).isTrue();

        inspector.markOffline(true);
        assertThat(inspector.statusTextProperty().get()).as("a completed run cannot change").isEqualTo("Completed");
    }

    @Test
    void withTheServerGoneAQueuedRunIsNotShownAsQueuedAnyMore() throws Exception {
        Run queued = created("quick", Reply.text("Done."));
        assertThat(queued.status()).isEqualTo("queued");
        inspector.showRun(app, queued);
        assertThat(inspector.statusTextProperty().get()).isEqualTo("Queued");
        server.awaitStatus(app, queued.runId(), "completed");
        server.close();
        serverGone = true;

        inspector.reload();
        pumpUntil(() -> !inspector.statusKnownProperty().get());
        assertThat(inspector.statusTextProperty().get()).isEqualTo("status unknown");
        assertThat(inspector.messageProperty().get()).startsWith("Could not refresh the run: ");
        assertThat(inspector.canCancel().get()).isFalse();
        assertThat(inspector.whyNot(Action.CANCEL).get()).isEqualTo("The run's status is unknown");
        assertThat(field("Run")).as("what is known stays").isEqualTo(queued.runId());
    }

    @Test
    void theInspectedRunIdIsSetAtOnceAndAnOlderAnswerDoesNotOverwriteTheNewerSelection() throws Exception {
        Run first = created("one", Reply.text("One."));
        Run second = created("two", Reply.text("Two."));
        server.awaitStatus(app, first.runId(), "completed");
        server.awaitStatus(app, second.runId(), "completed");
        java.util.Deque<Runnable> fetches = new java.util.ArrayDeque<>();
        InspectorViewModel slow = new InspectorViewModel(client, ui, fetches::add);

        slow.show(app, first.runId());
        slow.show(app, second.runId());
        assertThat(slow.inspectedRunIdProperty().get()).isEqualTo(second.runId());
        assertThat(slow.placeholderProperty().get()).isEqualTo("Loading the run…");
        fetches.pollLast().run();
        pumpUntil(() -> slow.runProperty().get() != null);
        fetches.pollLast().run();
        Runnable late;
        while ((late = uiQueue.poll()) != null) {
            late.run();
        }
        assertThat(slow.runProperty().get().runId()).as("the first answer came last and is dropped")
                .isEqualTo(second.runId());
        slow.show(app, null);
        assertThat(slow.inspectedRunIdProperty().get()).isNull();
        assertThat(slow.whyNot(Action.RETRY).get()).isEqualTo("No run selected");
    }

    @Test
    void shortIdsAreTheFirstEightCharacters() {
        assertThat(InspectorViewModel.shortId("c71f3b8e-6e6c-4e9c-a28c-f9af6317917c")).isEqualTo("c71f3b8e");
        assertThat(InspectorViewModel.shortId("abc")).isEqualTo("abc");
    }

    private TimelineItem.RevertMarker marker() {
        return timeline.items().stream().filter(i -> i instanceof TimelineItem.RevertMarker)
                .map(i -> (TimelineItem.RevertMarker) i).findFirst().orElse(null);
    }
}

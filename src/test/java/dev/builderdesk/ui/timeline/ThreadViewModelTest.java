package dev.builderdesk.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.client.internal.ClientRuntime;
import dev.builderdesk.client.internal.RunApiClients;
import dev.builderdesk.protocol.CreateRunRequest;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.composer.ComposerViewModel;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
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
 * The shown thread against a real server: a long thread opens to its newest runs and loads older ones on demand,
 * a run paused twice replays whole, and a run whose creation finishes after the user showed another thread stays
 * out of it.
 */
class ThreadViewModelTest {
    @TempDir
    Path dir;
    TestServer server;
    ClientRuntime runtime;
    RunApiClient client;
    String app;
    final LinkedBlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
    final Executor ui = uiQueue::add;
    ThreadViewModel thread;

    @BeforeEach
    void start() {
        server = TestServer.start(dir, TestServer.Options.defaults().maxSteps(1));
        runtime = new ClientRuntime();
        client = RunApiClients.connect(runtime, ServerConnection.of(server.baseUrl(), TestServer.ACME_OWNER));
        app = server.createApp("app", "vite-react").get("id").asText();
        thread = new ThreadViewModel(client, ui, Runnable::run);
    }

    @AfterEach
    void stop() {
        thread.close();
        runtime.close();
        server.close();
    }

    private void pumpUntil(BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out; items=" + thread.timeline().items().size());
            }
            Runnable r = uiQueue.poll(50, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
        }
    }

    /** Runs one prompt to its end through the API (no window), in {@code session} (null: a new one). */
    private Run runToEnd(String input, String session) throws Exception {
        Run run = client.createRun(app, new CreateRunRequest(input, null, "native", null, null, session, null, null,
                null));
        return settled(run);
    }

    private long prompts() {
        return thread.timeline().items().stream().filter(i -> i instanceof TimelineItem.UserTurn).count();
    }

    @Test
    void aLongThreadOpensToItsNewestRunsAndLoadsOlderOnesWhenAsked() throws Exception {
        String session = runToEnd("prompt 0", null).chatSessionId();
        for (int i = 1; i < 20; i++) {
            server.llm().script("model-a", Reply.text("answer " + i));
            runToEnd("prompt " + i, session);
        }
        thread.open(app, session);
        assertThat(thread.timeline().loadingProperty().get()).as("the empty timeline says it is loading").isTrue();
        pumpUntil(() -> !thread.loadingProperty().get() && prompts() > 0);
        assertThat(thread.timeline().loadingProperty().get()).isFalse();
        assertThat(prompts()).isEqualTo(ThreadViewModel.FIRST_PAGE);
        assertThat(((TimelineItem.UserTurn) thread.timeline().items().get(0)).text()).isEqualTo("prompt 12");
        assertThat(thread.timeline().olderRunsProperty().get()).isEqualTo(12);

        thread.timeline().wantOlder();
        pumpUntil(() -> prompts() == 20);
        assertThat(thread.timeline().items().stream().filter(i -> i instanceof TimelineItem.UserTurn)
                .map(i -> ((TimelineItem.UserTurn) i).text()).toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "prompt " + i)
                        .toList());
        assertThat(thread.timeline().olderRunsProperty().get()).isZero();
        assertThat(thread.timeline().items().stream().map(TimelineItem::key)).doesNotHaveDuplicates();
    }

    @Test
    void aRunPausedResumedAndPausedAgainReplaysEverySegment() throws Exception {
        server.llm().script("model-a", Reply.toolCall("one", "coding_agent_list_files", "{}"),
                Reply.toolCall("two", "coding_agent_read_file", "{\"path\":\"src/App.tsx\"}"),
                Reply.text("three, done"));
        Run run = runToEnd("three steps", null);
        assertThat(run.status()).isEqualTo("paused");
        client.resumeRun(app, run.runId());
        assertThat(settled(run).status()).as("paused again, and left so").isEqualTo("paused");

        thread.open(app, run.chatSessionId());
        pumpUntil(() -> !thread.loadingProperty().get() && prompts() > 0);
        List<String> outcomes = thread.timeline().items().stream().filter(i -> i instanceof TimelineItem.RunOutcome)
                .map(i -> ((TimelineItem.RunOutcome) i).status()).toList();
        assertThat(outcomes).containsExactly("paused", "paused");
        assertThat(thread.timeline().items()).anyMatch(i -> i instanceof TimelineItem.TextBlock b
                && b.markdown().equals("two"));
    }

    /** The run once it has settled (a resumed run: once it settled again). */
    private Run settled(Run run) throws Exception {
        for (int i = 0; i < 200; i++) {
            Thread.sleep(25);
            Run now = client.getRun(app, run.runId());
            if (List.of("completed", "failed", "cancelled", "paused").contains(now.status())) {
                return now;
            }
        }
        throw new AssertionError("run did not settle");
    }

    @Test
    void aRunCreatedWhileTheUserShowsAnotherThreadStaysOutOfIt() throws Exception {
        ModelPickerViewModel picker = new ModelPickerViewModel();
        ComposerViewModel composer = new ComposerViewModel(client, ui, Runnable::run, thread, picker);
        composer.appIdProperty().set(app);
        thread.newThread(app);
        String other = runToEnd("another thread", null).chatSessionId();
        server.llm().script("model-a", Reply.text("answer of the first thread"));
        composer.promptProperty().set("sent from a new thread");
        composer.send();
        // Before the creation's result reaches the UI, the user opens the other thread.
        thread.open(app, other);
        pumpUntil(() -> !thread.loadingProperty().get() && prompts() > 0 && !composer.runningProperty().get());
        Thread.sleep(300);
        while (!uiQueue.isEmpty()) {
            uiQueue.poll().run();
        }
        assertThat(thread.timeline().items()).filteredOn(i -> i instanceof TimelineItem.UserTurn)
                .extracting(i -> ((TimelineItem.UserTurn) i).text()).containsExactly("another thread");
        assertThat(thread.sessionIdProperty().get()).isEqualTo(other);
    }
}

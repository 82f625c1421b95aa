package dev.builderdesk.ui.threads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.protocol.ChatSession;
import dev.builderdesk.testkit.ManualTime;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rail's threads without a display, against the real server: filter, rename (a failure keeps the typed
 * title), delete with an undo window that the test releases, relative times on a clock the test moves.
 */
class ThreadsViewModelTest extends ServerTestBase {
    final ManualTime time = ManualTime.startingNow();
    final List<String> opened = new ArrayList<>();
    int newThreads;
    String shown;
    boolean running;
    ThreadsViewModel model;

    @BeforeEach
    void start() {
        start(TestServer.Options.defaults(), "empty");
        model = new ThreadsViewModel(client(), Runnable::run, Runnable::run, time.uiTime(),
                new ThreadsViewModel.Host() {
                    @Override
                    public void open(ChatSession thread) {
                        opened.add(thread.id());
                        shown = thread.id();
                        model.selectedProperty().set(thread);
                    }

                    @Override
                    public void newThread() {
                        newThreads++;
                        shown = null;
                        model.selectedProperty().set(null);
                    }

                    @Override
                    public String shownId() {
                        return shown;
                    }

                    @Override
                    public boolean running() {
                        return running;
                    }
                });
    }

    private String thread(String prompt) {
        JsonNode run = server.createRun(app, Map.of("input", prompt));
        server.awaitStatus(app, run.get("run_id").asText(), "completed");
        return run.get("chat_session_id").asText();
    }

    private List<String> titles(List<ChatSession> list) {
        return list.stream().map(ChatSession::title).toList();
    }

    private int status(String session) {
        return server.owner().get("/admin/apps/" + app + "/coding-agent/chat-sessions/" + session).status();
    }

    @Test
    void theFilterMatchesPartsOfTitlesWhateverTheirCaseAndSaysWhenNothingMatches() {
        assertThat(model.placeholderProperty().get()).isEqualTo("No threads yet: your first prompt starts one.");
        thread("Fix the Header colours");
        thread("Add a footer");
        thread("Tidy the README");
        model.showApp(app).join();
        assertThat(titles(model.shown())).containsExactly("Tidy the README", "Add a footer",
                "Fix the Header colours");

        model.filterProperty().set("  HEAD ");
        assertThat(titles(model.shown())).containsExactly("Fix the Header colours");
        model.filterProperty().set("e");
        assertThat(titles(model.shown())).hasSize(3);
        model.filterProperty().set("zebra");
        assertThat(model.shown()).isEmpty();
        assertThat(model.placeholderProperty().get()).isEqualTo("No threads match 'zebra'");
        model.filterProperty().set("");
        assertThat(model.shown()).hasSize(3);
    }

    @Test
    void aRenameIsSavedOnTheServerAndAFailedOneKeepsWhatWasTyped() {
        String id = thread("first prompt");
        model.showApp(app).join();
        ChatSession row = model.threads().get(0);

        model.startRename(row);
        assertThat(model.renameDraftProperty().get()).isEqualTo("first prompt");
        model.renameDraftProperty().set("   ");
        assertThat(model.commitRename().join()).isFalse();
        assertThat(model.renameErrorProperty().get()).isEqualTo("A thread needs a title.");
        assertThat(model.renamingProperty().get()).as("still renaming").isEqualTo(id);
        String tooLong = "A name that is much too long ".repeat(3);
        model.renameDraftProperty().set(tooLong);
        assertThat(model.commitRename().join()).isFalse();
        assertThat(model.renameErrorProperty().get()).startsWith("A thread title has at most 80 characters");
        assertThat(model.renameDraftProperty().get()).as("the typed title is kept").isEqualTo(tooLong);

        model.renameDraftProperty().set("Landing  page");
        assertThat(model.commitRename().join()).isTrue();
        assertThat(model.renamingProperty().get()).isNull();
        assertThat(model.renameErrorProperty().get()).isEmpty();
        assertThat(model.threads().get(0).title()).isEqualTo("Landing page");
        assertThat(server.owner().get("/admin/apps/" + app + "/coding-agent/chat-sessions/" + id).json()
                .get("session").get("title").asText()).isEqualTo("Landing page");

        model.startRename(model.threads().get(0));
        model.renameDraftProperty().set("thrown away");
        model.cancelRename();
        assertThat(model.renamingProperty().get()).isNull();
        assertThat(model.threads().get(0).title()).isEqualTo("Landing page");
    }

    @Test
    void aDeleteWaitsForTheUndoWindowAndUndoKeepsTheThreadOnTheServer() {
        String older = thread("older thread");
        String newer = thread("newer thread");
        model.showApp(app).join();
        model.open(model.threads().get(0));
        assertThat(shown).isEqualTo(newer);

        model.delete(model.threads().get(0));
        assertThat(titles(model.threads())).containsExactly("older thread");
        assertThat(model.noteProperty().get()).isEqualTo("Thread deleted");
        assertThat(model.canUndoProperty().get()).isTrue();
        assertThat(newThreads).as("the shown thread made way for a new one").isEqualTo(1);
        assertThat(status(newer)).as("nothing sent during the undo window").isEqualTo(200);
        model.refresh().join();
        assertThat(titles(model.threads())).as("a refresh does not bring it back").containsExactly("older thread");

        model.undoDelete();
        assertThat(titles(model.threads())).containsExactly("newer thread", "older thread");
        assertThat(opened).as("shown again").containsExactly(newer, newer);
        assertThat(model.noteProperty().get()).isEmpty();
        time.releaseDelayed();
        assertThat(status(newer)).as("kept").isEqualTo(200);

        model.delete(model.threads().get(1));
        assertThat(status(older)).isEqualTo(200);
        time.releaseDelayed();
        assertThat(status(older)).as("sent once the window passed").isEqualTo(404);
        assertThat(model.noteProperty().get()).isEmpty();
        assertThat(titles(model.threads())).containsExactly("newer thread");
    }

    @Test
    void anotherDeleteOrClosingSendsThePendingOneAndARunningThreadIsNotDeleted() {
        String a = thread("thread a");
        String b = thread("thread b");
        String c = thread("thread c");
        model.showApp(app).join();
        model.delete(model.threads().get(2));
        model.delete(model.threads().get(1));
        assertThat(status(a)).as("the first, sent when the second was deleted").isEqualTo(404);
        assertThat(status(b)).isEqualTo(200);
        model.close();
        assertThat(status(b)).as("sent on close").isEqualTo(404);

        model.showApp(app).join();
        model.open(model.threads().get(0));
        running = true;
        model.delete(model.threads().get(0));
        assertThat(model.noteProperty().get()).isEqualTo("Stop the run in this thread before deleting it.");
        assertThat(model.canUndoProperty().get()).isFalse();
        assertThat(titles(model.threads())).containsExactly("thread c");
        time.releaseDelayed();
        assertThat(status(c)).isEqualTo(200);
    }

    @Test
    void aDeleteTheServerRefusesPutsTheThreadBackAndSaysWhy() {
        Semaphore tap = new Semaphore(0);
        server.llm().script("model-a", Reply.onTap(List.of("Still", " going."), tap));
        JsonNode run = server.createRun(app, Map.of("input", "a long run"));
        server.awaitStatus(app, run.get("run_id").asText(), "running");
        model.showApp(app).join();

        model.delete(model.threads().get(0));
        assertThat(model.threads()).isEmpty();
        time.releaseDelayed();
        assertThat(titles(model.threads())).containsExactly("a long run");
        assertThat(model.noteProperty().get()).isEqualTo("Could not delete “a long run”: A run of this thread is"
                + " running; stop it before deleting the thread.");
        assertThat(model.canUndoProperty().get()).isFalse();
        tap.release(2);
        server.awaitStatus(app, run.get("run_id").asText(), "completed");
    }

    @Test
    void relativeTimesMoveOnWithTheClockAtEachTick() {
        thread("a prompt");
        model.showApp(app).join();
        ChatSession row = model.threads().get(0);
        time.set(row.lastMessageAt().plusSeconds(5));
        model.tick();
        assertThat(model.timeOf(row)).isEqualTo("just now");
        time.advance(Duration.ofMinutes(2));
        assertThat(model.timeOf(row)).as("not before the tick").isEqualTo("just now");
        model.tick();
        assertThat(model.timeOf(row)).isEqualTo("2 min ago");
        time.advance(Duration.ofDays(10));
        model.tick();
        assertThat(model.timeOf(row)).matches("\\d{1,2} [A-Z][a-z]{2}( \\d{4})?");
        assertThat(model.exactTimeOf(row)).startsWith("Last active ");
    }
}

package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.client.internal.RunApiClients;
import dev.builderdesk.protocol.ChatSession;
import dev.builderdesk.testkit.ManualTime;
import dev.builderdesk.ui.fx.UiTime;
import dev.builderdesk.ui.settings.DesktopEnvironment;
import dev.builderdesk.ui.settings.SettingsStore;
import dev.builderdesk.ui.shell.MainViewModel;
import dev.builderdesk.ui.timeline.TimelineItem;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The rail's threads in the real window on the real server: inline rename, delete with Undo (the undo window is
 * released by the test, never waited for), the filter, keyboard use, relative times on a clock the test moves, the
 * top bar's "app · thread", and a relaunch (a second window model over the same settings) reopening the last app
 * and thread.
 */
class ThreadsRailUiTest extends UiTestBase {
    final ManualTime time = ManualTime.startingNow();
    final SettingsStore store = SettingsStore.inMemory();

    @Override
    SettingsStore settingsStore() {
        return store;
    }

    @Override
    UiTime uiTime() {
        return time.uiTime();
    }

    @Start
    void start(Stage stage) {
        open(stage);
    }

    /** Sends a prompt in a new thread and waits for the thread to be listed. */
    private ChatSession newThreadWith(FxRobot robot, String prompt) throws Exception {
        robot.clickOn("#new-thread");
        sendAndWait(robot, prompt);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> row(prompt) != null);
        return model.threads().stream().filter(t -> t.title().equals(prompt)).findFirst().orElseThrow();
    }

    /** The visible cell of the thread titled {@code title}, or null. */
    @SuppressWarnings("unchecked")
    private ListCell<ChatSession> row(String title) {
        return (ListCell<ChatSession>) scene.getRoot().lookupAll("#threads-list .threads-cell").stream()
                .filter(n -> n.isVisible() && ((ListCell<ChatSession>) n).getItem() != null
                        && ((ListCell<ChatSession>) n).getItem().title().equals(title))
                .findFirst().orElse(null);
    }

    private String rowTime(String title) {
        return ((Label) row(title).lookup(".threads-row-time")).getText();
    }

    private int serverStatus(ChatSession thread) {
        return server.owner().get("/admin/apps/" + appId() + "/coding-agent/chat-sessions/" + thread.id()).status();
    }

    private String serverTitle(ChatSession thread) {
        return server.owner().get("/admin/apps/" + appId() + "/coding-agent/chat-sessions/" + thread.id()).json()
                .get("session").get("title").asText();
    }

    private String topBar(FxRobot robot) {
        return robot.lookup("#workspace-title").queryAs(Label.class).getText();
    }

    @Test
    void aThreadIsRenamedInlineAndTheTypedNameSurvivesAnError(FxRobot robot) throws Exception {
        awaitConnected();
        ChatSession thread = newThreadWith(robot, "Rename me please");
        assertThat(topBar(robot)).isEqualTo("My app · Rename me please");

        robot.doubleClickOn(row("Rename me please"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#threads-rename").tryQuery().isPresent());
        TextField field = robot.lookup("#threads-rename").queryAs(TextField.class);
        assertThat(field.getText()).isEqualTo("Rename me please");
        assertThat(field.isFocused()).isTrue();
        robot.write("   ").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#threads-rename-error")
                .queryAs(Label.class).getText().equals("A thread needs a title."));
        assertThat(field.getText()).as("the typed text is kept").isEqualTo("   ");
        snapshotBothThemes("threads-rename-error");

        robot.write("Landing page").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> row("Landing page") != null);
        assertThat(serverTitle(thread)).isEqualTo("Landing page");
        assertThat(robot.lookup("#threads-rename").tryQuery()).isEmpty();
        assertThat(robot.lookup("#threads-list").query().isFocused()).as("the keyboard goes on in the list").isTrue();
        assertThat(topBar(robot)).isEqualTo("My app · Landing page");

        robot.clickOn(row("Landing page")).type(KeyCode.F2);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#threads-rename").tryQuery().isPresent());
        robot.write("Not kept").type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#threads-list").query().isFocused()).isTrue();
        assertThat(row("Landing page")).isNotNull();
        assertThat(serverTitle(thread)).isEqualTo("Landing page");

        String longest = "A very long thread title that goes on and on about the landing page header colours";
        robot.interact(() -> model.threadList().startRename(model.threadList().threads().stream()
                .filter(t -> t.id().equals(thread.id())).findFirst().orElseThrow()));
        robot.interact(() -> model.threadList().renameDraftProperty().set(longest.substring(0, 80)));
        robot.interact(() -> model.threadList().commitRename());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> topBar(robot).endsWith(longest.substring(0, 80)));
        robot.interact(() -> scene.getWindow().setWidth(1024));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shownText(robot, "#workspace-title")).as("the long title is ellipsized").endsWith("...");
        assertThat(shownText(robot, "#connection-status")).isEqualTo("Connected · embedded server");
        assertThat(row(longest.substring(0, 80)).getTooltip().getText()).startsWith(longest.substring(0, 80));
        snapshotBothThemes("threads-long-title-1024");
    }

    /** The text a label shows (ellipsized when it does not fit). */
    private static String shownText(FxRobot robot, String query) {
        return ((javafx.scene.text.Text) robot.lookup(query).query().lookup(".text")).getText();
    }

    @Test
    void undoKeepsADeletedThreadAndWithoutUndoItIsGoneFromTheServerButItsRunStays(FxRobot robot) throws Exception {
        awaitConnected();
        ChatSession doomed = newThreadWith(robot, "Delete me soon");
        String doomedRun = latestRun().get("run_id").asText();
        ChatSession kept = newThreadWith(robot, "Keep me around");

        // The keyboard's right click: Monocle does not turn a secondary click into a context-menu request. The list
        // refreshes after a run (its order is by last message), which can land between a click and a key on a busy
        // machine: settle first, then select the row and ask for its menu.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> kept.id().equals(model.thread().sessionIdProperty()
                .get()) && !model.thread().loadingProperty().get());
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(row("Keep me around"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.push(KeyCode.SHIFT, KeyCode.F10);
        // The menu is a popup window of its own: it shows a pulse or two later on a busy machine.
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#threads-menu-delete").tryQuery()
                .isPresent());
        robot.clickOn("#threads-menu-delete");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(row("Keep me around")).isNull();
        assertThat(robot.lookup("#threads-note").queryAs(Label.class).getText()).isEqualTo("Thread deleted");
        assertThat(topBar(robot)).as("the shown thread made way for a new one").isEqualTo("My app · New thread");
        assertThat(model.timeline().items()).isEmpty();
        snapshotBothThemes("threads-deleted-undo");
        robot.clickOn("#threads-undo");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> row("Keep me around") != null
                && kept.id().equals(model.thread().sessionIdProperty().get()) && !model.timeline().items().isEmpty());
        time.releaseDelayed();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(serverStatus(kept)).as("undone: never sent").isEqualTo(200);
        assertThat(robot.lookup("#threads-note-bar").query().isVisible()).isFalse();

        robot.clickOn(row("Delete me soon"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> doomed.id().equals(model.thread().sessionIdProperty()
                .get()) && !model.thread().loadingProperty().get());
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(row("Delete me soon")).isNull();
        assertThat(serverStatus(doomed)).as("not before the undo window passed").isEqualTo(200);
        time.releaseDelayed();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> serverStatus(doomed) == 404);
        assertThat(server.owner().get(dev.builderdesk.testkit.TestServer.runs(appId()) + "/" + doomedRun).json()
                .get("chat_session_id").isNull()).as("its run stays, unlinked").isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#threads-note-bar").query().isVisible()).isFalse();
        assertThat(row("Delete me soon")).isNull();
    }

    @Test
    void theFilterShowsMatchingTitlesAndSaysWhenNoneMatch(FxRobot robot) throws Exception {
        awaitConnected();
        newThreadWith(robot, "Alpha banner");
        newThreadWith(robot, "Beta footer");
        ListView<ChatSession> list = robot.lookup("#threads-list").queryListView();

        robot.clickOn("#threads-filter").write("BANNER");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list.getItems()).extracting(ChatSession::title).containsExactly("Alpha banner");
        assertThat(row("Alpha banner")).isNotNull();
        assertThat(row("Beta footer")).isNull();

        robot.write("zzz");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list.getItems()).isEmpty();
        Label placeholder = robot.lookup("#threads-placeholder").queryAs(Label.class);
        assertThat(placeholder.getText()).isEqualTo("No threads match 'BANNERzzz'");
        assertThat(placeholder.isVisible()).isTrue();
        snapshotBothThemes("threads-filter-none");

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list.getItems()).extracting(ChatSession::title).contains("Alpha banner", "Beta footer");
    }

    @Test
    void arrowsAndEnterOpenAThreadAndItsTimeMovesOnWithTheClock(FxRobot robot) throws Exception {
        awaitConnected();
        ChatSession first = newThreadWith(robot, "Keyboard first");
        newThreadWith(robot, "Keyboard second");
        ListView<ChatSession> list = robot.lookup("#threads-list").queryListView();
        assertThat(list.getItems().get(0).title()).isEqualTo("Keyboard second");
        assertThat(list.getItems().get(1).title()).isEqualTo("Keyboard first");

        robot.clickOn("#threads-filter").type(KeyCode.DOWN);
        assertThat(list.isFocused()).isTrue();
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> first.id().equals(model.thread().sessionIdProperty()
                .get()) && !model.thread().loadingProperty().get() && !model.timeline().items().isEmpty());
        assertThat(((TimelineItem.UserTurn) model.timeline().items().get(0)).text()).isEqualTo("Keyboard first");
        assertThat(topBar(robot)).isEqualTo("My app · Keyboard first");

        time.set(first.lastMessageAt().plusSeconds(10));
        robot.interact(() -> model.threadList().tick());
        assertThat(rowTime("Keyboard first")).isEqualTo("just now");
        time.advance(Duration.ofMinutes(5));
        robot.interact(() -> model.threadList().tick());
        assertThat(rowTime("Keyboard first")).isEqualTo("5 min ago");
        time.advance(Duration.ofDays(1));
        robot.interact(() -> model.threadList().tick());
        assertThat(rowTime("Keyboard first")).isIn("yesterday", "2 days ago");
        snapshotBothThemes("threads-rail");
    }

    @Test
    void aRelaunchReopensTheLastAppAndThreadAndAGoneThreadOpensANewOne(FxRobot robot) throws Exception {
        awaitConnected();
        robot.interact(() -> model.createApp("second-app", "empty", null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.selectedAppProperty().get() != null
                && model.selectedAppProperty().get().name().equals("second-app"));
        ChatSession last = newThreadWith(robot, "Reopen this one");
        newThreadWith(robot, "Not this one");
        robot.clickOn(row("Reopen this one"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> last.id().equals(model.thread().sessionIdProperty()
                .get()) && !model.thread().loadingProperty().get());
        String app = appId();

        try (MainViewModel relaunched = relaunch()) {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> last.id().equals(onFx(() -> relaunched.thread()
                    .sessionIdProperty().get())) && onFx(() -> !relaunched.thread().loadingProperty().get()
                    && !relaunched.timeline().items().isEmpty()));
            assertThat(onFx(() -> relaunched.selectedAppProperty().get().id())).isEqualTo(app);
            assertThat(onFx(() -> ((TimelineItem.UserTurn) relaunched.timeline().items().get(0)).text()))
                    .isEqualTo("Reopen this one");
            assertThat(onFx(() -> relaunched.workspaceTitleProperty().get())).isEqualTo("second-app · Reopen this one");
        }

        server.owner().delete("/admin/apps/" + app + "/coding-agent/chat-sessions/" + last.id());
        try (MainViewModel relaunched = relaunch()) {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> relaunched.selectedAppProperty().get()
                    != null && relaunched.threads().size() == 1));
            assertThat(onFx(() -> relaunched.selectedAppProperty().get().id())).as("the same app").isEqualTo(app);
            assertThat(onFx(() -> relaunched.thread().sessionIdProperty().get())).as("a new thread").isNull();
            assertThat(onFx(() -> relaunched.timeline().items().isEmpty())).isTrue();
            assertThat(onFx(() -> relaunched.workspaceTitleProperty().get())).isEqualTo("second-app · New thread");
            assertThat(onFx(() -> relaunched.statusProperty().get())).startsWith("Connected");
        }
    }

    /** A second window model over the same settings store and server, as after a relaunch. */
    private MainViewModel relaunch() throws Exception {
        DesktopEnvironment env = new DesktopEnvironment(store, c -> RunApiClients.connect(runtime, c), s -> { },
                true, "", "", url -> { }, time.uiTime());
        MainViewModel second = onFx(() -> new MainViewModel(RunApiClients.connect(runtime, connection()),
                Platform::runLater, IO, env));
        robot().interact(second::load);
        return second;
    }

    private static FxRobot robot() {
        return new FxRobot();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}

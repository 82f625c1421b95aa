package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.builderdesk.client.ClientRuntime;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.protocol.ChatSession;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.shell.MainView;
import dev.builderdesk.ui.shell.MainViewModel;
import dev.builderdesk.ui.timeline.TimelineItem;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Threads in the left rail: each keeps its model, and reopening one restores its turns and its selection. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ThreadsUiTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static ClientRuntime runtime;
    static final ExecutorService IO = Executors.newVirtualThreadPerTaskExecutor();
    MainViewModel model;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(dir);
        runtime = new ClientRuntime();
    }

    @AfterAll
    static void stopServer() {
        runtime.close();
        server.close();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        model = new MainViewModel(RunApiClient.connect(runtime, ServerConnection.of(server.baseUrl(),
                TestServer.ACME_OWNER)), Platform::runLater, IO);
        stage.setScene(new Scene(new MainView(model), 1180, 760));
        stage.show();
        model.load();
    }

    private void pick(FxRobot robot, String search) {
        robot.clickOn("#model-picker");
        robot.clickOn("#model-picker-search").write(search);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void sendAndWait(FxRobot robot, String prompt) throws Exception {
        long outcomes = outcomes();
        robot.clickOn("#composer-input").write(prompt);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> outcomes() > outcomes);
    }

    private long outcomes() {
        return model.timeline().items().stream().filter(i -> i instanceof TimelineItem.RunOutcome).count();
    }

    private String pickerText(FxRobot robot) {
        return robot.lookup("#model-picker").queryAs(Button.class).getText();
    }

    @Test
    void eachThreadKeepsItsModelAndReopeningRestoresIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.statusProperty().get().startsWith("Connected"));
        pick(robot, "demo");
        sendAndWait(robot, "First thread with the demo");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.threads().size() == 1);

        robot.clickOn("#new-thread");
        assertThat(model.timeline().items()).isEmpty();
        assertThat(pickerText(robot)).as("a new thread keeps the current selection").startsWith("Demo");
        pick(robot, "Model A");
        sendAndWait(robot, "Second thread with model A");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.threads().size() == 2);
        assertThat(server.llm().requestsFor("model-a")).hasSize(1);

        ListView<ChatSession> threads = robot.lookup("#threads-list").queryListView();
        ChatSession first = model.threads().stream().filter(t -> t.title().startsWith("First")).findFirst()
                .orElseThrow();
        robot.interact(() -> threads.getSelectionModel().select(first));
        robot.clickOn(robot.lookup("#threads-list .list-cell").match(n -> ((javafx.scene.control.ListCell<?>) n)
                .getItem() == first).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.selectedThreadProperty().get() == first);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pickerText(robot)).startsWith("Demo (scripted, offline)");
        assertThat(model.timeline().items().get(0)).isEqualTo(new TimelineItem.UserTurn(
                "First thread with the demo"));
        assertThat(model.timeline().items()).anyMatch(i -> i instanceof TimelineItem.AssistantTurn a
                && a.modelLabel().equals("Demo (scripted, offline)"));

        sendAndWait(robot, "Still the first thread");
        String firstRuns = TestServer.runs(model.selectedAppProperty().get().id()) + "?chat_session_id="
                + first.id();
        var runs = server.owner().get(firstRuns).json();
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("requested_model_id").asText()).isEqualTo(TestServer.MODEL_DEMO);
    }
}

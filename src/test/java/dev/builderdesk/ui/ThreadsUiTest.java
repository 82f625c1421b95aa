package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.protocol.ChatSession;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.timeline.TimelineItem;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Threads in the left rail: each keeps its model, and reopening one restores its turns and its selection. */
class ThreadsUiTest extends UiTestBase {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void eachThreadKeepsItsModelAndReopeningRestoresIt(FxRobot robot) throws Exception {
        awaitConnected();
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
        robot.clickOn(robot.lookup("#threads-list .list-cell").match(n -> ((ListCell<?>) n).getItem() == first)
                .queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.selectedThreadProperty().get() == first
                && !model.thread().loadingProperty().get() && !model.timeline().items().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pickerText(robot)).startsWith("Demo (scripted, offline)");
        assertThat(((TimelineItem.UserTurn) model.timeline().items().get(0)).text())
                .isEqualTo("First thread with the demo");
        assertThat(model.timeline().items()).anyMatch(i -> i instanceof TimelineItem.TurnHeader a
                && a.modelLabel().endsWith("Demo (scripted, offline)"));

        sendAndWait(robot, "Still the first thread");
        var runs = server.owner().get(TestServer.runs(appId()) + "?chat_session_id=" + first.id()).json();
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("requested_model_id").asText()).isEqualTo(TestServer.MODEL_DEMO);
    }
}

package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.timeline.TimelineItem;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A run that reaches the step budget pauses; Resume in the inspector continues it to the end in the timeline. */
class PausedRunUiTest extends UiTestBase {
    @Override
    TestServer.Options serverOptions() {
        return TestServer.Options.defaults().maxSteps(1);
    }

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void resumeContinuesAPausedRunFromWhereTheTimelineStopped(FxRobot robot) throws Exception {
        awaitConnected();
        server.llm().script("model-a", Reply.toolCall("Listing first.", "coding_agent_list_files", "{}"),
                Reply.text("All done after the resume."));
        sendAndWait(robot, "List the files, then summarise");
        assertThat(model.timeline().items()).last().matches(i -> i instanceof TimelineItem.RunOutcome o
                && o.status().equals("paused"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.inspector().runProperty().get() != null
                && model.inspector().runProperty().get().status().equals("paused"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#inspector-resume").queryButton().isDisabled()).isFalse();

        robot.clickOn("#inspector-resume");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> outcomes() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.timeline().items()).last().matches(i -> i instanceof TimelineItem.RunOutcome o
                && o.status().equals("completed"));
        assertThat(model.timeline().items()).anyMatch(i -> i instanceof TimelineItem.AssistantTurn a
                && a.text().contains("All done after the resume."));
        assertThat(model.timeline().items().stream().filter(i -> i instanceof TimelineItem.UserTurn).count())
                .as("resuming sends no new prompt").isEqualTo(1);
        assertThat(latestRun().get("status").asText()).isEqualTo("completed");
    }
}

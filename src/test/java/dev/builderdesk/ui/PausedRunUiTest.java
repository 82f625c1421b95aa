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
                && o.status().equals("paused") && o.message().startsWith("Paused at the step budget"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.inspector().runProperty().get() != null
                && model.inspector().runProperty().get().status().equals("paused"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#inspector-resume").queryButton().isDisabled()).isFalse();

        robot.clickOn("#inspector-resume");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> outcomes() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.timeline().items()).last().matches(i -> i instanceof TimelineItem.RunOutcome o
                && o.status().equals("completed"));
        assertThat(TimelineRows.anyText(model.timeline().items(), "All done after the resume.")).isTrue();
        assertThat(model.timeline().items().stream().filter(i -> i instanceof TimelineItem.UserTurn).count())
                .as("resuming sends no new prompt").isEqualTo(1);
        assertThat(latestRun().get("status").asText()).isEqualTo("completed");

        var live = java.util.List.copyOf(model.timeline().items());
        assertThat(live).anyMatch(i -> i instanceof TimelineItem.RunOutcome o && o.status().equals("paused")
                && o.message().startsWith("Paused at the step budget"));
        assertThat(reopenShownThread()).as("the reopened thread shows what was shown live, both segments")
                .containsExactlyElementsOf(live);
    }

    @Test
    void aRunPausedByTheServerShuttingDownSaysSoNotTheStepBudget(FxRobot robot) throws Exception {
        awaitConnected();
        server.llm().script("model-a", Reply.slowText(400, 40));
        type(robot, "Write a long explanation");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> runCount() > 0
                && latestRun().get("status").asText().equals("running"));
        server.stop();
        server.startAgain();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.timeline().items().stream().anyMatch(i ->
                i instanceof TimelineItem.RunOutcome o && o.status().equals("paused")));
        WaitForAsyncUtils.waitForFxEvents();
        TimelineItem.RunOutcome paused = (TimelineItem.RunOutcome) model.timeline().items().stream()
                .filter(i -> i instanceof TimelineItem.RunOutcome o && o.status().equals("paused")).findFirst()
                .orElseThrow();
        assertThat(paused.message()).startsWith("Paused: the server was shut down");
        assertThat(latestRun().get("pause_reason").asText()).isEqualTo("server_shutdown");
    }
}

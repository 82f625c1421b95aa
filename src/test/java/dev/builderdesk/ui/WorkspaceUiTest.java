package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.timeline.TimelineItem;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workspace end to end: pick the demo model, send with Enter, watch the run stream into the timeline with its
 * tool cards, expand the validation failure, and read the run in the inspector. Writes the README screenshots.
 */
class WorkspaceUiTest extends UiTestBase {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void pickTheDemoModelSendWithEnterAndSeeTheFailureAndTheOutcome(FxRobot robot) throws Exception {
        awaitConnected();
        assertThat(model.apps()).extracting(a -> a.name()).containsExactly("My app");

        robot.clickOn("#model-picker");
        robot.clickOn("#model-picker-search").write("demo");
        WaitForAsyncUtils.waitForFxEvents();
        snapshotBothThemes("02-picker-search");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pickerText(robot)).startsWith("Demo (scripted, offline)");

        sendAndWait(robot, "Make the title blue");
        assertThat(model.composer().promptProperty().get()).isEmpty();
        TimelineItem.ToolCall failed = model.timeline().items().stream()
                .filter(i -> i instanceof TimelineItem.ToolCall t && t.state() == TimelineItem.ToolCall.State.FAILED)
                .map(i -> (TimelineItem.ToolCall) i).findFirst().orElseThrow();
        assertThat(failed.diagnostics().get(0).code()).isEqualTo("TOOL_INPUT_VALIDATION_FAILED");
        assertThat(failed.diagnostics().get(0).fields()).containsExactly("patch");
        assertThat(failed.recovery()).isEqualTo(TimelineItem.ToolCall.Recovery.RECOVERED);
        assertThat(model.timeline().items()).anyMatch(i -> i instanceof TimelineItem.TurnHeader a
                && a.modelLabel().equals("Demo (scripted, offline)"));
        assertThat(model.timeline().items()).last().matches(i -> i instanceof TimelineItem.RunOutcome o
                && o.status().equals("completed"));
        JsonNode run = latestRun();
        assertThat(run.get("requested_model_id").asText()).isEqualTo(TestServer.MODEL_DEMO);
        assertThat(run.get("status").asText()).isEqualTo("completed");

        ListView<?> list = robot.lookup("#timeline-list").queryAs(ListView.class);
        int failedRow = model.timeline().items().indexOf(failed);
        robot.interact(() -> list.scrollTo(Math.max(0, failedRow - 2)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".timeline-cell").match(n -> ((ListCell<?>) n).getItem() == failed)
                .queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        var values = robot.lookup(".timeline-detail-value").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).toList();
        assertThat(values).contains("TOOL_INPUT_VALIDATION_FAILED", "patch", "Missing required fields: patch");
        assertThat(values).anyMatch(v -> v.startsWith("the agent recovered"));
        snapshotBothThemes("04-expanded-failure");

        // The inspector shows the run that just finished, offers only what fits it, and folds away.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.inspector().runProperty().get() != null
                && model.inspector().runProperty().get().status().equals("completed"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#inspector").queryAs(Node.class).isVisible()).isTrue();
        assertThat(robot.lookup("#inspector-retry").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#inspector-revert").queryButton().isDisabled()).isFalse();
        Label runId = robot.lookup("#inspector-value-run").queryAs(Label.class);
        assertThat(runId.getText()).isEqualTo(run.get("run_id").asText().substring(0, 8));
        assertThat(runId.getTooltip().getText()).isEqualTo(run.get("run_id").asText());
        robot.clickOn("#toggle-inspector");
        WaitForAsyncUtils.waitForFxEvents();
        // Collapsed: out of the split (and so out of the window).
        assertThat(robot.lookup("#inspector").tryQuery().filter(n -> n.getScene() != null && n.isVisible()))
                .isEmpty();
        robot.clickOn("#toggle-inspector");

        // The file tree marks what the run added.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.files().rows().stream()
                .anyMatch(r -> r.path().equals("NOTES.md") && r.change().equals("A")));
    }

    @Test
    void aRunStreamsWithToolCardsAndExploredFilesWhileTheAnswerArrives(FxRobot robot) throws Exception {
        awaitConnected();
        server.llm().script("model-b",
                Reply.toolCall("Let me look at the app first.", "coding_agent_read_file", "{\"path\":\"src/App.tsx\"}"),
                Reply.toolCall(null, "coding_agent_read_file", "{\"path\":\"index.html\"}"),
                Reply.toolCall(null, "coding_agent_read_file", "{\"path\":\"src/main.tsx\"}"),
                Reply.toolCall("Now the patch.", "coding_agent_apply_patch",
                        "{\"patch\":\"--- a/src/App.tsx\\n+++ b/src/App.tsx\\n@@ -90,1 +90,1 @@\\n-nope\\n+yes\\n\"}"),
                Reply.slowText(400, 25));
        pick(robot, "Model B");
        long before = outcomes();
        type(robot, "Add a pricing section with three tiers");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.timeline().items().stream()
                .anyMatch(i -> i instanceof TimelineItem.TextBlock a && a.markdown().contains("word20")));
        WaitForAsyncUtils.waitForFxEvents();
        TimelineItem.ToolGroup explored = model.timeline().items().stream()
                .filter(i -> i instanceof TimelineItem.ToolGroup).map(i -> (TimelineItem.ToolGroup) i).findFirst()
                .orElseThrow();
        assertThat(explored.calls()).hasSize(3);
        assertThat(model.timeline().items()).anyMatch(i -> i instanceof TimelineItem.ToolCall t
                && t.state() == TimelineItem.ToolCall.State.FAILED
                && t.diagnostics().get(0).code().startsWith("PATCH_"));
        assertThat(robot.lookup("#composer-send").queryButton().getText()).contains("Stop");
        snapshotBothThemes("03-run-streaming");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> outcomes() > before);
    }
}

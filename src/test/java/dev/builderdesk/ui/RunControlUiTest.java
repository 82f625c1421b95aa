package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.timeline.TimelineItem;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Stop, the automatic refresh on a revision conflict, and Revert to this point, from the window. */
class RunControlUiTest extends UiTestBase {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    private String assistantText() {
        return TimelineRows.text(model.timeline().items());
    }

    /** The draft's files as {@code path sha256}: equal lists mean the same files byte for byte. */
    private List<String> draftFiles() {
        List<String> files = new java.util.ArrayList<>();
        server.owner().get("/admin/apps/" + appId() + "/files").json().get("files").forEach(f -> files.add(
                f.get("path").asText() + " " + f.get("sha256").asText()));
        return files;
    }

    private static List<String> paths(List<String> files) {
        return files.stream().map(f -> f.substring(0, f.lastIndexOf(' '))).toList();
    }

    @Test
    void stopCancelsTheRunOnTheServerAndKeepsThePartialAnswer(FxRobot robot) throws Exception {
        awaitConnected();
        server.llm().script("model-b", Reply.slowText(500, 20));
        pick(robot, "Model B");
        type(robot, "Write a long essay");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> assistantText().contains("word10"));
        robot.clickOn("#composer-send");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> outcomes() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.timeline().items()).last().isInstanceOf(TimelineItem.RunOutcome.class)
                .matches(o -> ((TimelineItem.RunOutcome) o).status().equals("cancelled"));
        assertThat(assistantText()).as("the partial answer stays").startsWith("word0 word1").doesNotContain("word499");
        assertThat(latestRun().get("status").asText()).isEqualTo("cancelled");
        assertThat(robot.lookup("#composer-send").queryButton().getText()).isEqualTo("Send");
    }

    @Test
    void aRevisionConflictIsRefreshedAndResentOnce(FxRobot robot) throws Exception {
        awaitConnected();
        model.composer().refreshBase().get(5, TimeUnit.SECONDS);
        // Another client changes the app after the window read its draft.
        String other = server.createRun(appId(), Map.of("input", "change", "model_id", TestServer.MODEL_DEMO))
                .get("run_id").asText();
        server.awaitStatus(appId(), other, "completed");
        String latest = server.owner().get("/admin/apps/" + appId() + "/builder/state").json()
                .get("current_draft_revision").get("id").asText();
        int runs = runCount();

        sendAndWait(robot, "Based on what I saw");
        assertThat(robot.lookup("#composer-notice").queryLabeled().getText())
                .isEqualTo("The app changed since you started typing — refreshed and resent.");
        assertThat(model.composer().error()).isEmpty();
        assertThat(runCount()).as("exactly one run was created by the retry").isEqualTo(runs + 1);
        assertThat(latestRun().get("base_revision_id").asText()).isEqualTo(latest);
        assertThat(latestRun().get("input").asText()).isEqualTo("Based on what I saw");
    }

    @Test
    void revertToAnEarlierRunRestoresTheFilesAsThatRunLeftThem(FxRobot robot) throws Exception {
        awaitConnected();
        pick(robot, "demo");
        sendAndWait(robot, "first change");
        String firstRun = latestRun().get("run_id").asText();
        List<String> afterFirst = draftFiles();
        sendAndWait(robot, "second change");
        List<String> afterSecond = draftFiles();
        assertThat(afterSecond).hasSizeGreaterThan(afterFirst.size());

        TimelineItem first = model.timeline().items().stream().filter(i -> i instanceof TimelineItem.UserTurn u
                && u.text().equals("first change")).findFirst().orElseThrow();
        robot.interact(() -> robot.lookup("#timeline-list").queryListView().scrollTo(0));
        robot.clickOn(robot.lookup(".timeline-user").match(n -> ((ListCell<?>) n.getParent().getParent())
                .getItem() == first).queryAs(Node.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.inspector().runProperty().get() != null
                && model.inspector().runProperty().get().runId().equals(firstRun));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#inspector-revert");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#revert-confirmation").query()
                .isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(draftFiles()).as("nothing changes before the yes").isEqualTo(afterSecond);
        String summary = robot.lookup("#revert-summary").queryLabeled().getText();
        List<String> undone = paths(afterSecond).stream().filter(f -> !paths(afterFirst).contains(f)).toList();
        assertThat(undone).isNotEmpty().allMatch(summary::contains);
        snapshotBothThemes("08-revert-confirmation");

        robot.clickOn("#revert-confirm");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> draftFiles().equals(afterFirst));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.files().rows().stream()
                .filter(r -> !r.folder()).count() == afterFirst.size());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.timeline().items().stream()
                .anyMatch(i -> i instanceof TimelineItem.RevertMarker));
        // Where the marker's Undo is on screen now, read on the FX thread once it shows: a cell may re-show its
        // row at any pulse on a busy machine, and a node looked up earlier may have left the scene. The list is
        // scrolled to its end at each look, as the reload after the revert may still add rows below the marker.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            robot.lookup("#timeline-list").queryListView().scrollTo(model.timeline().items().size() - 1);
            return robot.lookup("#timeline-undo-revert").tryQuery().filter(n -> n.getScene() != null
                    && n.isVisible() && !n.isDisabled()).isPresent();
        }).get());
        WaitForAsyncUtils.waitForFxEvents();
        javafx.geometry.Point2D undoAt = WaitForAsyncUtils.asyncFx(() -> {
            Node undo = robot.lookup("#timeline-undo-revert").match(n -> n.getScene() != null && n.isVisible())
                    .queryAs(Node.class);
            javafx.geometry.Bounds b = undo.localToScreen(undo.getBoundsInLocal());
            return new javafx.geometry.Point2D(b.getCenterX(), b.getCenterY());
        }).get(5, TimeUnit.SECONDS);
        robot.clickOn(undoAt);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> draftFiles().equals(afterSecond));
    }
}

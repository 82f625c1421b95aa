package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.testkit.RunLog;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.fx.Durations;
import dev.builderdesk.ui.inspector.InspectorViewModel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The run inspector in the real window: the action bar keeps its buttons in place whatever the run's status, ids
 * are short with a Copy of the whole id, the grid holds at 260 px, and a resumed run's duration is the sum of its
 * segments as the run's own events time them.
 */
class InspectorUiTest extends UiTestBase {
    private static final List<String> BUTTONS = List.of("#inspector-cancel", "#inspector-resume", "#inspector-retry",
            "#inspector-revert");

    @Override
    TestServer.Options serverOptions() {
        return TestServer.Options.defaults().maxSteps(1);
    }

    @Start
    void start(Stage stage) {
        open(stage);
    }

    private InspectorViewModel inspector() {
        return model.inspector();
    }

    private void awaitStatus(RunStatus status) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> inspector().statusProperty().get() == status
                && inspector().statusKnownProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Each button's bounds in the scene, read on the FX thread. */
    private Map<String, Bounds> barBounds(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Map<String, Bounds> out = new LinkedHashMap<>();
            for (String id : BUTTONS) {
                Node b = robot.lookup(id).query();
                out.put(id, b.localToScene(b.getLayoutBounds()));
            }
            return out;
        }).get();
    }

    private Run createHeld(Semaphore tap) throws Exception {
        server.llm().script("model-a", Reply.onTap(List.of("Holding ", "on."), tap));
        return Json.mapper().treeToValue(server.createRun(appId(), Map.of("input", "hold on")), Run.class);
    }

    @Test
    void theActionBarKeepsEveryButtonInItsPlaceWhateverTheStatusAndSaysWhyOneIsOff(FxRobot robot) throws Exception {
        awaitConnected();
        Map<String, Bounds> noRun = barBounds(robot);
        List<Map<String, Bounds>> seen = new ArrayList<>();

        Semaphore tap = new Semaphore(0);
        Run queued = createHeld(tap);
        assertThat(queued.status()).isEqualTo("queued");
        robot.interact(() -> inspector().showRun(appId(), queued));
        awaitStatus(RunStatus.QUEUED);
        assertThat(robot.lookup("#inspector-status").queryLabeled().getText()).isEqualTo("Queued");
        seen.add(barBounds(robot));
        snapshotInspector("inspector-queued");

        server.awaitStatus(appId(), queued.runId(), "running");
        robot.interact(() -> inspector().reload());
        awaitStatus(RunStatus.RUNNING);
        assertThat(robot.lookup("#inspector-cancel").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#inspector-resume").queryButton().isDisabled()).isTrue();
        seen.add(barBounds(robot));
        snapshotInspector("inspector-running");

        robot.interact(() -> inspector().markOffline(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#inspector-status").queryLabeled().getText()).isEqualTo("status unknown (offline)");
        assertThat(robot.lookup("#inspector-cancel").queryButton().isDisabled()).isTrue();
        seen.add(barBounds(robot));
        snapshotInspector("inspector-offline");
        tap.release(2);
        server.awaitStatus(appId(), queued.runId(), "completed");
        robot.interact(() -> inspector().markOffline(false));
        awaitStatus(RunStatus.COMPLETED);
        seen.add(barBounds(robot));

        server.llm().script("model-a", Reply.toolCall("Listing first.", "coding_agent_list_files", "{}"),
                Reply.text("Listed."));
        sendAndWait(robot, "List the files");
        awaitStatus(RunStatus.PAUSED);
        assertThat(robot.lookup("#inspector-resume").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#inspector-cancel").queryButton().isDisabled()).isTrue();
        seen.add(barBounds(robot));
        snapshotInspector("inspector-paused");

        // A disabled button gets no mouse events: its slot's tooltip says why it is off.
        Point2D cancelAt = WaitForAsyncUtils.asyncFx(() -> {
            Node slot = robot.lookup("#inspector-cancel-slot").query();
            Bounds b = slot.localToScreen(slot.getLayoutBounds());
            return new Point2D(b.getCenterX(), b.getCenterY());
        }).get();
        assertThat(hoverUntilATooltipShows(robot, cancelAt)).isEqualTo("The run is paused, not running");
        robot.moveTo("#inspector-grid");

        robot.clickOn("#inspector-resume");
        awaitStatus(RunStatus.COMPLETED);
        seen.add(barBounds(robot));
        snapshotInspector("inspector-completed");

        server.llm().script("model-a", Reply.status(401, "Incorrect API key provided"));
        sendAndWait(robot, "Try once more");
        awaitStatus(RunStatus.FAILED);
        assertThat(robot.lookup("#inspector-retry").queryButton().isDisabled()).isFalse();
        seen.add(barBounds(robot));
        snapshotInspector("inspector-failed");

        assertThat(seen).as("queued, running, offline, completed, paused, resumed, failed").hasSize(7)
                .allSatisfy(bounds -> assertThat(bounds).isEqualTo(noRun));
    }

    /**
     * Hovers {@code at} until a tooltip shows. JavaFX ignores mouse moves while another tooltip is up (one whose
     * node left the scene under the mouse stays up for its show duration), so the hover is tried a few times.
     */
    private static String hoverUntilATooltipShows(FxRobot robot, Point2D at) throws Exception {
        for (int attempt = 0; attempt < 4; attempt++) {
            robot.moveTo(at.add(attempt % 2, 0));
            try {
                WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> shownTooltip() != null);
                return shownTooltip();
            } catch (java.util.concurrent.TimeoutException e) {
                // another tooltip was still up: move again
            }
        }
        return null;
    }

    private static String shownTooltip() {
        return Window.getWindows().stream().filter(w -> w instanceof Tooltip t && t.isShowing())
                .map(w -> ((Tooltip) w).getText()).findFirst().orElse(null);
    }

    @Test
    void idsAreShortAndCopyPutsTheWholeIdOnTheClipboard(FxRobot robot) throws Exception {
        awaitConnected();
        server.llm().script("model-a", Reply.text("Hello there."));
        sendAndWait(robot, "Say hello");
        awaitStatus(RunStatus.COMPLETED);
        String runId = inspector().runProperty().get().runId();
        assertThat(runId).hasSizeGreaterThan(8);
        assertThat(robot.lookup("#inspector-value-run").queryLabeled().getText()).isEqualTo(runId.substring(0, 8));
        assertThat(robot.lookup("#inspector-value-model").queryLabeled().getText()).isEqualTo("Auto → Model A");
        snapshotBothThemes("11-inspector-completed");

        robot.clickOn(centre(robot, "#inspector-copy-run"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get())
                .isEqualTo(runId);
        robot.clickOn(centre(robot, "#inspector-copy-model-id"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get())
                .isEqualTo(TestServer.MODEL_A);
    }

    private static Point2D centre(FxRobot robot, String query) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Node n = robot.lookup(query).query();
            Bounds b = n.localToScreen(n.getLayoutBounds());
            return new Point2D(b.getCenterX(), b.getCenterY());
        }).get();
    }

    @Test
    void at260PixelsNoLabelOverlapsItsValueAndNothingIsCutWithoutATooltip(FxRobot robot) throws Exception {
        awaitConnected();
        robot.interact(() -> {
            Region pane = robot.lookup("#inspector").queryAs(Region.class);
            pane.setMinWidth(260);
            pane.setPrefWidth(260);
            pane.setMaxWidth(260);
        });
        server.llm().script("model-a", Reply.status(401, "Incorrect API key provided: sk-live-0123456789abcdef"
                + "0123456789abcdef. You can find your API key at https://platform.example.com/account/api-keys."));
        sendAndWait(robot, "Fail with a long message");
        awaitStatus(RunStatus.FAILED);
        assertThat(robot.lookup("#inspector").queryAs(Region.class).getWidth()).isEqualTo(260);
        assertTidy(robot);
        snapshotInspector("inspector-260-failed");

        server.llm().script("model-a", Reply.toolCall(null, "coding_agent_list_files", "{}"), Reply.text("Ok."));
        sendAndWait(robot, "Pause, please");
        awaitStatus(RunStatus.PAUSED);
        assertTidy(robot);
        snapshotInspector("inspector-260-paused");
        robot.clickOn("#inspector-resume");
        awaitStatus(RunStatus.COMPLETED);
        assertTidy(robot);
        snapshotInspector("inspector-260-completed");
        robot.interact(() -> inspector().markOffline(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertTidy(robot);
        robot.interact(() -> inspector().markOffline(false));
        awaitStatus(RunStatus.COMPLETED);

        robot.interact(() -> {
            Region pane = robot.lookup("#inspector").queryAs(Region.class);
            pane.setMaxWidth(420);
            pane.setPrefWidth(420);
            pane.setMinWidth(420);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTidy(robot);
        snapshotInspector("inspector-420-completed");
    }

    /** Every key left of its value, nothing past the pane's edge, and no text cut short without a tooltip. */
    private static void assertTidy(FxRobot robot) throws Exception {
        List<String> problems = WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            Region pane = robot.lookup("#inspector").queryAs(Region.class);
            Bounds inside = pane.localToScene(pane.getLayoutBounds());
            double right = inside.getMaxX() - pane.getPadding().getRight() + 0.5;
            GridPane grid = robot.lookup("#inspector-grid").queryAs(GridPane.class);
            List<Node> keys = grid.getChildren().stream().filter(n -> GridPane.getColumnIndex(n) == 0).toList();
            if (keys.size() < 5) {
                out.add("only " + keys.size() + " rows");
            }
            double rowTop = Double.NEGATIVE_INFINITY;
            for (Node key : keys) {
                Node value = grid.getChildren().stream().filter(n -> GridPane.getColumnIndex(n) == 1
                        && GridPane.getRowIndex(n).equals(GridPane.getRowIndex(key))).findFirst().orElseThrow();
                Bounds k = key.localToScene(key.getLayoutBounds());
                Bounds v = value.localToScene(value.getLayoutBounds());
                if (Math.min(k.getMinY(), v.getMinY()) < rowTop - 0.5) {
                    out.add(key.getId() + " starts above the end of the row before it");
                }
                rowTop = Math.max(k.getMaxY(), v.getMaxY());
                if (k.intersects(v) || k.getMaxX() > v.getMinX()) {
                    out.add(key.getId() + " " + k + " overlaps " + value.getId() + " " + v);
                }
                if (v.getMaxX() > right) {
                    out.add(value.getId() + " ends at " + v.getMaxX() + ", past " + right);
                }
            }
            for (Node n : pane.lookupAll(".labeled")) {
                if (n instanceof Labeled l && l.isVisible() && l.getText() != null && !l.getText().isEmpty()) {
                    String shown = shownText(l);
                    Node drawn = l.lookup(".text");
                    if (drawn != null && drawn.getBoundsInParent().getMaxY() > l.getHeight() + 0.5) {
                        out.add((l.getId() == null ? l.getText() : l.getId()) + " draws below its own bounds");
                    }
                    boolean cut = !l.getText().equals(shown);
                    boolean explained = l.getTooltip() != null && (l.getTooltip().getText().equals(l.getText())
                            || l.getTooltip().getText().contains(l.getText()));
                    boolean isShortId = l.getStyleClass().contains("inspector-id");
                    if (cut && !explained || isShortId && l.getTooltip() == null) {
                        out.add((l.getId() == null ? l.getText() : l.getId()) + " shows '" + shown + "'");
                    }
                    if (cut && (l.getStyleClass().contains("button") || l.getStyleClass().contains("inspector-key"))) {
                        out.add(l.getText() + " is cut to '" + shown + "'");
                    }
                }
            }
            return out;
        }).get();
        assertThat(problems).isEmpty();
    }

    /** The text a labeled control actually draws (its skin ellipsizes into this node). */
    private static String shownText(Labeled l) {
        return l.getChildrenUnmodifiable().stream().filter(n -> n instanceof Text).map(n -> ((Text) n).getText())
                .findFirst().orElse("");
    }

    @Test
    void aPausedThenResumedRunsDurationIsTheSumOfItsSegments(FxRobot robot) throws Exception {
        awaitConnected();
        // Paced chunks: each segment lasts a few milliseconds, so the sum and the last segment alone differ.
        server.llm().script("model-a", Reply.toolCall("Listing first.", "coding_agent_list_files", "{}").paced(5),
                Reply.text("All done after the resume.").paced(5));
        sendAndWait(robot, "List, then summarise");
        awaitStatus(RunStatus.PAUSED);
        robot.clickOn("#inspector-resume");
        awaitStatus(RunStatus.COMPLETED);

        List<Long> segments = RunLog.segmentMillis(RunLog.whole(server, appId(),
                inspector().runProperty().get().runId()));
        assertThat(segments).hasSize(2).allMatch(ms -> ms > 0);
        long sum = segments.stream().mapToLong(Long::longValue).sum();
        assertThat(robot.lookup("#inspector-value-duration").queryLabeled().getText()).as("segments %s", segments)
                .isEqualTo(Durations.format(sum));
    }

    /** The inspector alone, both themes, at its size in the window. */
    private void snapshotInspector(String name) throws Exception {
        for (boolean dark : List.of(false, true)) {
            dark(dark);
            var image = WaitForAsyncUtils.asyncFx(() -> scene.lookup("#inspector").snapshot(null, null)).get();
            Path out = Files.createDirectories(Path.of("target", "ui-snapshots"));
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png",
                    new File(out.toFile(), name + (dark ? "-dark" : "-light") + ".png"));
        }
        dark(false);
    }
}

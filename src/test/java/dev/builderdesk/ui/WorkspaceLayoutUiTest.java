package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.Answers;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window at the sizes people use: at 1024×700 and 1920×1080 no control's text is cut (only long names end in
 * "…", and those say the whole name in a tooltip), turns keep a reading width, the inspector steps aside in a
 * narrow window, the files list takes the rail's free height and the prompt grows with a long text.
 */
class WorkspaceLayoutUiTest extends UiTestBase {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    private void resize(FxRobot robot, double width, double height) {
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> scene.getRoot().layout());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void nothingIsCutAtSmallAndLargeSizesAndTurnsKeepAReadingWidth(FxRobot robot) throws Exception {
        awaitConnected();
        server.llm().script("model-a", Reply.text(Answers.answer("pricing-section")));
        sendAndWait(robot, "Add a pricing section with three tiers and a monthly / yearly switch");
        for (double[] size : new double[][] {{1024, 700}, {1920, 1080}}) {
            resize(robot, size[0], size[1]);
            String at = (int) size[0] + "×" + (int) size[1];
            assertThat(WaitForAsyncUtils.asyncFx(() -> cutTexts(scene.getRoot())).get()).as("cut at " + at)
                    .isEmpty();
            double widest = WaitForAsyncUtils.asyncFx(() -> robot.lookup(".timeline-row").queryAll().stream()
                    .filter(n -> n.getScene() != null).mapToDouble(n -> n.getLayoutBounds().getWidth()).max()
                    .orElse(0)).get();
            assertThat(widest).as("reading width at " + at).isGreaterThan(300).isLessThanOrEqualTo(760.5);
            snapshot("11-workspace-" + (int) size[0] + "x" + (int) size[1]);
        }
        // The inspector's ids were the ones cut at 1024 px: shown by hand there, it must fit too.
        resize(robot, 1024, 700);
        robot.push(KeyCode.CONTROL, KeyCode.I);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".inspector").queryAll().stream().anyMatch(Node::isVisible))
                .as("Ctrl+I shows the inspector").isTrue();
        assertThat(WaitForAsyncUtils.asyncFx(() -> cutTexts(scene.getRoot())).get())
                .as("cut at 1024×700 with the inspector shown").isEmpty();
    }

    @Test
    void theComposerStaysBesideTheInspectorOnA1280Screen(FxRobot robot) throws Exception {
        awaitConnected();
        // The window a 1280×800 screen gives under a window manager (its frame and panel take the rest).
        resize(robot, 1176, 760);
        assertThat(shown(robot, "#inspector")).isTrue();
        double inspectorLeft = sceneBounds(robot, "#inspector").getMinX();
        // The composer's bar used to be as wide as all its parts at their preferred widths, so the centre pushed
        // under the inspector and Send was cut off.
        assertThat(sceneBounds(robot, "#composer-send").getMaxX()).as("Send ends before the inspector")
                .isLessThanOrEqualTo(inspectorLeft);
        assertThat(sceneBounds(robot, "#composer-input").getMaxX()).as("the prompt ends before the inspector")
                .isLessThanOrEqualTo(inspectorLeft);
    }

    private static Bounds sceneBounds(FxRobot robot, String query) throws Exception {
        Node node = robot.lookup(query).query();
        return WaitForAsyncUtils.asyncFx(() -> node.localToScene(node.getLayoutBounds())).get();
    }

    @Test
    void theInspectorStepsAsideInANarrowWindowAndComesBackWhenItWidens(FxRobot robot) throws Exception {
        awaitConnected();
        resize(robot, 1024, 700);
        assertThat(shown(robot, "#inspector")).isFalse();
        assertThat(robot.lookup("#toggle-inspector").queryAs(javafx.scene.control.ToggleButton.class).isSelected())
                .isFalse();
        resize(robot, 1400, 860);
        assertThat(shown(robot, "#inspector")).isTrue();
        // The files list has the rail's height beside the threads, not a fixed sliver.
        double filesHeight = robot.lookup("#files-list").query().getLayoutBounds().getHeight();
        assertThat(filesHeight).isGreaterThan(300);
    }

    @Test
    void thePromptGrowsWithALongTextUpToTwoFifthsOfTheWindow(FxRobot robot) throws Exception {
        awaitConnected();
        resize(robot, 1280, 800);
        TextArea input = robot.lookup("#composer-input").queryAs(TextArea.class);
        double before = input.getHeight();
        String longPrompt = ("Make the pricing cards equal height, keep the yearly discount badge visible on small "
                + "screens, and do not change the colours. ").repeat(18);
        assertThat(longPrompt.length()).isGreaterThan(2000);
        robot.interact(() -> input.setText(longPrompt));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> scene.getRoot().layout());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(input.getHeight()).as("grown from %s", before).isGreaterThan(before * 2)
                .isLessThanOrEqualTo(scene.getHeight() * 0.4 + 1);
        robot.interact(() -> input.setText("short"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> scene.getRoot().layout());
        assertThat(input.getHeight()).isLessThanOrEqualTo(before + 1);
    }

    private static boolean shown(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().filter(n -> {
            for (Node p = n; p != null; p = p.getParent()) {
                if (!p.isVisible()) {
                    return false;
                }
            }
            return n.getScene() != null;
        }).isPresent();
    }

    /**
     * Every shown control whose text is drawn shorter than it is (ellipsized or clipped), unless it says the whole
     * text in a tooltip; timeline rows are checked by their own tests (they wrap).
     */
    static List<String> cutTexts(Parent root) {
        List<String> cut = new ArrayList<>();
        collect(root, cut);
        return cut;
    }

    private static void collect(Node node, List<String> cut) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()
                && !saysItInATooltip(labeled)) {
            for (Node child : labeled.getChildrenUnmodifiable()) {
                if (child instanceof Text text && child.isVisible() && !labeled.getText().equals(text.getText())) {
                    cut.add(describe(labeled) + " shows '" + text.getText() + "'");
                }
            }
        }
        if (node instanceof Labeled labeled && labeled.getScene() != null && labeled.getText() != null
                && !labeled.getText().isBlank() && !labeled.isWrapText()) {
            Bounds b = labeled.getLayoutBounds();
            if (b.getWidth() > 0 && b.getWidth() + 0.5 < labeled.minWidth(-1) && !saysItInATooltip(labeled)) {
                cut.add(describe(labeled) + " is narrower than its text");
            }
        }
        if (node.getStyleClass().contains("control-buttons-tab") && node.isVisible()
                && node.getParent() != null && node.getParent().getParent() instanceof TabPane pane) {
            // A tab pane shows its overflow menu when its tabs do not fit: the last tab's title is cut.
            cut.add("TabPane#" + pane.getId() + " has more tabs than room (its overflow menu shows)");
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, cut);
            }
        }
    }

    /** Whether the whole text is in a tooltip of the control or of the row (a list cell) it is part of. */
    private static boolean saysItInATooltip(Labeled labeled) {
        for (Node n = labeled; n != null; n = n.getParent()) {
            if (n instanceof javafx.scene.control.Control c && c.getTooltip() != null
                    && c.getTooltip().getText() != null && c.getTooltip().getText().contains(labeled.getText())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Labeled labeled) {
        return labeled.getClass().getSimpleName() + (labeled.getId() == null ? "" : "#" + labeled.getId())
                + " '" + labeled.getText() + "'";
    }
}

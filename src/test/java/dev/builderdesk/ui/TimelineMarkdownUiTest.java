package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.Answers;
import dev.builderdesk.ui.code.CodeBlockView;
import dev.builderdesk.ui.timeline.TimelineItem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Realistic answers streamed in small pieces (split anywhere, inside fence markers too) render in the timeline as
 * a code tool renders them: every line of every fenced block, tables as tables, Copy giving the exact code.
 */
class TimelineMarkdownUiTest extends UiTestBase {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void everyLineOfEveryCodeBlockIsShownTablesAreTablesAndCopyGivesTheExactCode(FxRobot robot) throws Exception {
        awaitConnected();
        String answer = Answers.answer("pricing-section") + "\n\n" + Answers.answer("debug-build-error");
        server.llm().script("model-a", TimelineScrollUiTest.streamed(answer, 700, 3000));
        type(robot, "Add a pricing section and explain the build error");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> outcomes() == 1);
        WaitForAsyncUtils.waitForFxEvents();

        List<String> fences = fences(answer);
        assertThat(fences).hasSizeGreaterThan(5);
        ListView<TimelineItem> list = robot.lookup("#timeline-list").queryListView();
        List<String> shown = new ArrayList<>();
        int tables = 0;
        for (int i = 0; i < model.timeline().items().size(); i++) {
            if (!(model.timeline().items().get(i) instanceof TimelineItem.TextBlock block)) {
                continue;
            }
            Node row = showRow(robot, list, i);
            if (block.markdown().startsWith("```")) {
                CodeBlockView code = (CodeBlockView) row.lookup(".code-block");
                String rendered = code.flow().getChildren().stream().filter(n -> n instanceof Text)
                        .map(n -> ((Text) n).getText())
                        .collect(Collectors.joining());
                shown.add(rendered);
                javafx.scene.control.ScrollPane viewport = (javafx.scene.control.ScrollPane) code
                        .lookup(".code-block-scroll");
                double needed = code.flow().prefHeight(-1);
                assertThat(viewport.getViewportBounds().getHeight()).as("block %d: every line in view, not clipped",
                        shown.size() - 1).isGreaterThanOrEqualTo(needed - 1);
            } else if (block.markdown().startsWith("|")) {
                GridPane table = (GridPane) row.lookup(".md-table");
                assertThat(table).as("a GFM table is a table node").isNotNull();
                assertThat(table.getChildren()).isNotEmpty();
                tables++;
            }
        }
        assertThat(tables).isEqualTo(2);
        assertThat(shown).hasSameSizeAs(fences);
        for (int f = 0; f < fences.size(); f++) {
            assertThat(shown.get(f).stripTrailing()).as("block %d shows every line, in order", f)
                    .isEqualTo(fences.get(f).stripTrailing());
        }

        int first = indexOf(i -> i instanceof TimelineItem.TextBlock b && b.markdown().startsWith("```"));
        showRow(robot, list, first);
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        // Where the block's button is on screen now, read on the FX thread: a cell may re-show its row at any
        // pulse, and a node looked up from the test thread can have left the scene by the time it is clicked.
        javafx.geometry.Point2D copyAt = WaitForAsyncUtils.asyncFx(() -> {
            Node copy = list.lookupAll(".code-block").stream().filter(n -> n.getScene() != null
                    && fences.get(0).equals(((CodeBlockView) n).getCode())).findFirst().orElseThrow()
                    .lookup("#code-copy");
            javafx.geometry.Bounds bounds = copy.localToScreen(copy.getBoundsInLocal());
            return new javafx.geometry.Point2D(bounds.getCenterX(), bounds.getCenterY());
        }).get(5, TimeUnit.SECONDS);
        robot.clickOn(copyAt);
        WaitForAsyncUtils.waitForFxEvents();
        String clipboard = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        assertThat(clipboard).isEqualTo(fences.get(0));
        int table = indexOf(i -> i instanceof TimelineItem.TextBlock b && b.markdown().startsWith("|"));
        showRow(robot, list, Math.max(0, table - 2));
        snapshotBothThemes("09-long-answer-code-and-table");
    }

    /** The literal of every fenced block in the Markdown, in order, without its trailing newline. */
    static List<String> fences(String markdown) {
        List<String> found = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        StringBuilder current = null;
        for (String line : lines) {
            if (line.startsWith("```")) {
                if (current == null) {
                    current = new StringBuilder();
                } else {
                    found.add(current.toString().replaceAll("\n$", ""));
                    current = null;
                }
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return found;
    }

    /** Scrolls row {@code index} into view and returns its cell's content, once a pulse has laid it out. */
    private Node showRow(FxRobot robot, ListView<TimelineItem> list, int index) throws Exception {
        robot.interact(() -> list.scrollTo(index));
        TimelineItem item = model.timeline().items().get(index);
        Node[] found = new Node[1];
        WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> {
            found[0] = robot.lookup(".timeline-cell").queryAllAs(ListCell.class).stream()
                    .filter(c -> c.getItem() == item && c.isVisible()).<Node>map(c -> ((ListCell<?>) c).getGraphic())
                    .findFirst().orElse(null);
            return found[0] != null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return found[0];
    }
}

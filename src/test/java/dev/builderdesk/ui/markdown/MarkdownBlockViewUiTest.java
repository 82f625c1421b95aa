package dev.builderdesk.ui.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.builderdesk.testkit.Answers;
import dev.builderdesk.ui.code.CodeBlockView;
import dev.builderdesk.ui.fx.Stylesheets;
import dev.builderdesk.ui.text.SelectableText;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.PathElement;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The fixture answers rendered block by block, as the timeline will show them, in a 900×700 window. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class MarkdownBlockViewUiTest {
    private final List<String> opened = new ArrayList<>();
    private VBox content;
    private ScrollPane scroll;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        content = new VBox();
        // Test scaffolding only: the page behind the blocks, like the timeline's.
        content.setStyle("-fx-background-color: -color-bg-default; -fx-padding: 16 20 16 20;");
        scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        Stylesheets.install(scroll);
        stage.setScene(new Scene(scroll, 900, 700));
        stage.show();
    }

    private List<MarkdownBlockView> show(String markdown) throws Exception {
        return fx(() -> {
            List<MarkdownBlockView> views = new ArrayList<>();
            content.getChildren().clear();
            for (String block : MarkdownStream.blocksOf(markdown)) {
                MarkdownBlockView view = new MarkdownBlockView(opened::add);
                view.setMarkdown(block);
                views.add(view);
            }
            content.getChildren().addAll(views);
            scroll.setVvalue(0);
            return views;
        });
    }

    @Test
    void everyLineOfEveryFenceIsRenderedAndVisible() throws Exception {
        for (String name : Answers.NAMES) {
            String answer = Answers.answer(name);
            show(answer);
            List<String> fences = fences(answer);
            List<CodeBlockView> blocks = fx(() -> all(content, CodeBlockView.class));
            assertThat(blocks).as(name).hasSize(fences.size());
            for (int k = 0; k < fences.size(); k++) {
                CodeBlockView block = blocks.get(k);
                String rendered = fx(() -> textOf(block.flow()));
                assertThat(rendered.split("\n", -1)).as("%s fence %d", name, k)
                        .containsExactly(fences.get(k).split("\n", -1));
                // Not clipped: the viewport is as tall as all the lines.
                double[] heights = fx(() -> heights(block));
                long lines = fences.get(k).lines().count();
                assertThat(heights[1]).as("%s fence %d viewport", name, k).isGreaterThanOrEqualTo(heights[0] - 0.5);
                assertThat(heights[0]).as("%s fence %d height", name, k).isGreaterThan(lines * 12.0);
            }
            snapshotBothThemes("md-" + name);
        }
    }

    @Test
    void tablesAreGridsWithTheirRowsColumnsAndCellTexts() throws Exception {
        for (String name : List.of("pricing-section", "debug-build-error")) {
            String answer = Answers.answer(name);
            show(answer);
            List<List<String>> expected = tableCells(answer);
            List<GridPane> tables = fx(() -> all(content, GridPane.class).stream()
                    .filter(g -> g.getStyleClass().contains("md-table")).toList());
            assertThat(tables).as(name).hasSize(1);
            GridPane table = tables.getFirst();
            List<List<String>> actual = fx(() -> {
                List<List<String>> rows = new ArrayList<>();
                for (Node cell : table.getChildren()) {
                    int r = GridPane.getRowIndex(cell);
                    int c = GridPane.getColumnIndex(cell);
                    while (rows.size() <= r) {
                        rows.add(new ArrayList<>());
                    }
                    while (rows.get(r).size() <= c) {
                        rows.get(r).add(null);
                    }
                    rows.get(r).set(c, textOf((TextFlow) cell));
                }
                return rows;
            });
            assertThat(actual).as(name).isEqualTo(expected);
            // Every row shows in full: no cell ends below the viewport (wrapped cells make rows taller).
            double[] bottoms = fx(() -> {
                ScrollPane pane = (ScrollPane) table.getParent().getParent().getParent();
                double lowest = table.getChildren().stream()
                        .mapToDouble(n -> n.getBoundsInParent().getMaxY()).max().orElseThrow();
                return new double[] {lowest, pane.getViewportBounds().getHeight()};
            });
            assertThat(bottoms[0]).as(name).isLessThanOrEqualTo(bottoms[1] + 0.5);
            boolean headerBold = fx(() -> table.getChildren().stream()
                    .filter(n -> GridPane.getRowIndex(n) == 0)
                    .allMatch(n -> n.getStyleClass().contains("md-table-header")
                            && ((TextFlow) n).getChildren().stream().filter(t -> t instanceof Text)
                            .allMatch(t -> ((Text) t).getFont().getStyle().toLowerCase().contains("bold"))));
            assertThat(headerBold).isTrue();
        }
        // The pricing table's "Price" column is right-aligned, "Highlighted" centred (from |---:| and |:---:|).
        show(Answers.answer("pricing-section"));
        List<String> alignments = fx(() -> {
            GridPane table = all(content, GridPane.class).stream()
                    .filter(g -> g.getStyleClass().contains("md-table")).findFirst().orElseThrow();
            return table.getChildren().stream().filter(n -> GridPane.getRowIndex(n) == 1)
                    .map(n -> ((TextFlow) n).getTextAlignment().name()).toList();
        });
        assertThat(alignments).containsExactly("LEFT", "RIGHT", "RIGHT", "CENTER");
    }

    @Test
    void taskItemsShowCheckedAndUncheckedBoxesAndStruckText() throws Exception {
        show(Answers.answer("refactor-hooks"));
        List<String> boxes = fx(() -> all(content, Label.class).stream()
                .filter(l -> l.getStyleClass().contains("md-task-marker")).map(Label::getText).toList());
        assertThat(boxes).containsExactly("☑", "☑", "☑", "☐", "☐");
        List<Text> struck = fx(() -> all(content, Text.class).stream()
                .filter(t -> t.getStyleClass().contains("md-strike")).toList());
        assertThat(struck).extracting(Text::getText).containsExactly("Add React Query");
        assertThat(fx(() -> struck.getFirst().isStrikethrough())).isTrue();
        show(Answers.answer("pricing-section"));
        List<Text> tried = fx(() -> all(content, Text.class).stream()
                .filter(t -> t.getStyleClass().contains("md-strike")).toList());
        assertThat(tried).extracting(Text::getText).containsExactly("I first tried flexbox");
        assertThat(fx(() -> tried.getFirst().isStrikethrough())).isTrue();
    }

    @Test
    void copyPutsTheExactCodeOnTheClipboard(FxRobot robot) throws Exception {
        String answer = Answers.answer("pricing-section");
        String fence = fences(answer).get(3);
        show("```bash\n" + fence + "\n```");
        robot.clickOn("#code-copy");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(fence);
        assertThat(fx(() -> robot.lookup("#code-copy").queryAs(Button.class).getText())).isEqualTo("Copied");

        String tsx = fences(answer).getFirst();
        show("```tsx\n" + tsx + "\n```");
        robot.clickOn("#code-copy");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(tsx);
    }

    @Test
    void clickingALinkOpensItButNotOtherSchemes(FxRobot robot) throws Exception {
        show("See the [MDN guide](https://developer.mozilla.org/en-US/docs/Web/CSS/CSS_grid_layout) and "
                + "[a local file](file:///etc/passwd) or <https://example.com/x>.");
        Text link = fx(() -> all(content, Text.class).stream().filter(t -> t.getText().equals("MDN guide"))
                .findFirst().orElseThrow());
        assertThat(link.getStyleClass()).contains("md-link");
        robot.clickOn(link);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(opened).containsExactly("https://developer.mozilla.org/en-US/docs/Web/CSS/CSS_grid_layout");
        Text local = fx(() -> all(content, Text.class).stream().filter(t -> t.getText().equals("a local file"))
                .findFirst().orElseThrow());
        robot.clickOn(local);
        Text auto = fx(() -> all(content, Text.class).stream().filter(t -> t.getText().equals("https://example.com/x"))
                .findFirst().orElseThrow());
        robot.clickOn(auto);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(opened).containsExactly("https://developer.mozilla.org/en-US/docs/Web/CSS/CSS_grid_layout",
                "https://example.com/x");
    }

    @Test
    void dragSelectingAParagraphThenCtrlCCopiesTheSelectedText(FxRobot robot) throws Exception {
        List<MarkdownBlockView> views = show(Answers.answer("pricing-section"));
        TextFlow paragraph = fx(() -> (TextFlow) views.getFirst().getChildren().getFirst());
        String text = fx(() -> SelectableText.of(paragraph).orElseThrow().text());
        assertThat(text).startsWith("Here is the plan for the pricing section, then the code.");
        int from = text.indexOf("pricing section");
        int to = text.indexOf("untouched") + "untouched".length();
        robot.moveTo(caretPoint(paragraph, from)).press(MouseButton.PRIMARY);
        robot.moveTo(caretPoint(paragraph, (from + to) / 2)).moveTo(caretPoint(paragraph, to))
                .release(MouseButton.PRIMARY);
        robot.press(KeyCode.CONTROL).press(KeyCode.C).release(KeyCode.C).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(text.substring(from, to));
        assertThat(fx(() -> paragraph.isFocused())).isTrue();

        // A double click selects a word, a triple click the whole paragraph.
        Point2D inWord = caretPoint(paragraph, text.indexOf("hero") + 2);
        robot.moveTo(inWord).doubleClickOn(MouseButton.PRIMARY);
        assertThat(fx(() -> SelectableText.of(paragraph).orElseThrow().selectedText())).isEqualTo("hero");
        robot.clickOn(MouseButton.PRIMARY).clickOn(MouseButton.PRIMARY).clickOn(MouseButton.PRIMARY);
        assertThat(fx(() -> SelectableText.of(paragraph).orElseThrow().selectedText())).isEqualTo(text);
        // The selection is drawn behind the text.
        assertThat(fx(() -> ((javafx.scene.shape.Path) paragraph.getChildren().stream()
                .filter(n -> n.getStyleClass().contains("text-selection")).findFirst().orElseThrow())
                .getElements().size())).isGreaterThan(0);
    }

    @Test
    void codeCanBeSelectedAndCopiedWithTheKeyboard(FxRobot robot) throws Exception {
        show("```ts\nconst answer = 42;\nexport default answer;\n```");
        CodeBlockView block = fx(() -> all(content, CodeBlockView.class).getFirst());
        String code = "const answer = 42;\nexport default answer;";
        int from = code.indexOf("42");
        int to = code.indexOf("default") + "default".length();
        robot.moveTo(caretPoint(block.flow(), from)).press(MouseButton.PRIMARY)
                .moveTo(caretPoint(block.flow(), to)).release(MouseButton.PRIMARY);
        robot.press(KeyCode.CONTROL).press(KeyCode.C).release(KeyCode.C).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(code.substring(from, to));
    }

    @Test
    void aCodeBlockReusedForGrowingCodeKeepsItsEarlierNodes() throws Exception {
        CodeBlockView block = fx(CodeBlockView::new);
        fx(() -> {
            content.getChildren().setAll(block);
            block.setCode("ts", "const a = 1;\nconst b");
            return null;
        });
        List<Node> before = fx(() -> List.copyOf(block.flow().getChildren()));
        fx(() -> {
            block.setCode("ts", "const a = 1;\nconst b");
            return null;
        });
        assertThat(fx(() -> List.copyOf(block.flow().getChildren()))).isEqualTo(before);
        fx(() -> {
            block.setCode("ts", "const a = 1;\nconst b = \"two\";");
            return null;
        });
        List<Node> after = fx(() -> List.copyOf(block.flow().getChildren()));
        assertThat(after.subList(0, 4)).isEqualTo(before.subList(0, 4));
        assertThat(fx(() -> textOf(block.flow()))).isEqualTo("const a = 1;\nconst b = \"two\";");
        fx(() -> {
            block.setCode("", "plain");
            return null;
        });
        assertThat(fx(() -> textOf(block.flow()))).isEqualTo("plain");
        assertThat(fx(() -> ((Label) all(block, Label.class).getFirst()).getText())).isEqualTo("text");
    }

    /**
     * A block fed to one view delta by delta, as it streams, shows at every step exactly what a view given that
     * text at once shows (kinds, style classes, texts, markers), and keeps its nodes for what did not change.
     */
    @Test
    void aBlockGrownDeltaByDeltaShowsWhatAFreshViewShowsAndKeepsItsNodes() throws Exception {
        for (String name : Answers.NAMES) {
            for (String block : MarkdownStream.blocksOf(Answers.answer(name))) {
                fx(() -> {
                    MarkdownBlockView streamed = new MarkdownBlockView();
                    content.getChildren().setAll(streamed);
                    Node firstShown = null;
                    String firstKind = null;
                    // Cut points a few characters apart, at odd offsets, like the provider's pieces.
                    for (int end = 1; end <= block.length(); end = end == block.length() ? end + 1
                            : Math.min(block.length(), end + 1 + end % 11)) {
                        String prefix = block.substring(0, end);
                        streamed.setMarkdown(prefix);
                        MarkdownBlockView fresh = new MarkdownBlockView();
                        fresh.setMarkdown(prefix);
                        assertThat(dump(streamed)).as("%s, after %d chars of %s", name, end, block)
                                .isEqualTo(dump(fresh));
                        Node shown = streamed.getChildren().isEmpty() ? null : streamed.getChildren().getFirst();
                        String kind = shown == null ? null : (String) shown.getProperties().get(BlockRenderer.KIND);
                        if (firstShown == null || kind == null || !kind.equals(firstKind)) {
                            firstShown = shown;
                            firstKind = kind;
                        } else {
                            // The same kind of block goes on in the same node: a delta makes no new block node.
                            assertThat(shown).as("%s, after %d chars of %s", name, end, block).isSameAs(firstShown);
                        }
                    }
                    return null;
                });
            }
        }
    }

    /** The shown structure of a view: node types, style classes, pseudo-class state and texts, one per line. */
    private static String dump(Parent root) {
        StringBuilder out = new StringBuilder();
        for (Node child : root.getChildrenUnmodifiable()) {
            dump(child, 0, out);
        }
        return out.toString();
    }

    private static void dump(Node node, int depth, StringBuilder out) {
        // Structural pseudo-classes (first-child, nth-child…) are kept up to date by the next CSS pass: not compared.
        out.append("  ".repeat(depth)).append(node.getClass().getSimpleName()).append(node.getStyleClass())
                .append(node.getPseudoClassStates().stream().map(Object::toString)
                        .filter(state -> !state.contains("child")).sorted().toList());
        switch (node) {
            case Text t -> out.append(" \"").append(t.getText()).append('"');
            case Label l -> out.append(" \"").append(l.getText()).append('"');
            case TextFlow f -> SelectableText.of(f).ifPresent(s -> out.append(" selectable \"").append(s.text())
                    .append('"'));
            default -> { }
        }
        out.append('\n');
        if (node instanceof Label || node instanceof Button) {
            return;
        }
        if (node instanceof ScrollPane pane) {
            if (pane.getContent() != null) {
                dump(pane.getContent(), depth + 1, out);
            }
        } else if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                dump(child, depth + 1, out);
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** The fenced blocks' code (without the final line break) by a plain line scan of the fixture. */
    static List<String> fences(String markdown) {
        List<String> fences = new ArrayList<>();
        StringBuilder current = null;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                if (current == null) {
                    current = new StringBuilder();
                } else {
                    String code = current.toString();
                    fences.add(code.endsWith("\n") ? code.substring(0, code.length() - 1) : code);
                    current = null;
                }
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return fences;
    }

    /** The cells of the fixture's one table, by splitting its rows on '|', without inline code's backticks. */
    static List<List<String>> tableCells(String markdown) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("|") && !line.matches("^\\|[-:| ]+\\|$")) {
                String inner = line.substring(1, line.length() - 1);
                List<String> cells = new ArrayList<>();
                for (String cell : inner.split("\\|", -1)) {
                    cells.add(cell.strip().replace("`", ""));
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    static String textOf(TextFlow flow) {
        StringBuilder text = new StringBuilder();
        for (Node child : flow.getChildren()) {
            if (child instanceof Text t) {
                text.append(t.getText());
            }
        }
        return text.toString();
    }

    static <T> List<T> all(Node root, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(root, type, found);
        return found;
    }

    private static <T> void collect(Node node, Class<T> type, List<T> found) {
        if (type.isInstance(node)) {
            found.add(type.cast(node));
        }
        if (node instanceof ScrollPane pane && pane.getContent() != null) {
            collect(pane.getContent(), type, found);
        } else if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, type, found);
            }
        }
    }

    /** The screen point just right of the caret before character {@code index}, mid-line. */
    private Point2D caretPoint(TextFlow flow, int index) throws Exception {
        return fx(() -> {
            PathElement[] caret = flow.getCaretShape(index, true);
            double x = ((MoveTo) caret[0]).getX();
            double top = ((MoveTo) caret[0]).getY();
            double bottom = ((LineTo) caret[1]).getY();
            return flow.localToScreen(x + 1, (top + bottom) / 2);
        });
    }

    private void snapshotBothThemes(String name) throws Exception {
        snapshot(name + "-light");
        fx(() -> {
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        snapshot(name + "-dark");
        fx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void snapshot(String name) throws Exception {
        WritableImage image = fx(() -> {
            content.applyCss();
            content.layout();
            return content.snapshot(null, null);
        });
        Path out = Files.createDirectories(Path.of("target", "ui-snapshots"));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(out.toFile(), name + ".png"));
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        T value = WaitForAsyncUtils.asyncFx(call).get();
        WaitForAsyncUtils.waitForFxEvents();
        return value;
    }

    /** The code flow's height and the height of the viewport showing it. */
    private static double[] heights(CodeBlockView block) {
        ScrollPane pane = all(block, ScrollPane.class).getFirst();
        return new double[] {block.flow().getHeight(), pane.getViewportBounds().getHeight()};
    }
}

package dev.builderdesk.ui.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.protocol.FileDiff;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.RevisionDiff;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.fx.Stylesheets;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The diff screen and the file viewer on a real server: a scripted run edits, adds, patches and deletes files, and
 * the screens must show exactly the lines of the diff route's unified diffs, with their numbers, unified and side
 * by side; Esc and Close close them. Writes target/ui-snapshots/diff-*.png and file-viewer-*.png.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DiffViewUiTest extends ServerTestBase {
    static final ExecutorService IO = Executors.newVirtualThreadPerTaskExecutor();
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@.*$");
    private static final String APP_AFTER = """
            import { useState } from 'react'
            import { Greeting } from './Greeting'
            import './App.css'

            export default function App() {
              const [count, setCount] = useState(0)
              const [name] = useState('you')

              return (
                <main className="app">
                  <h1 className="title">Hello, blue world</h1>
                  <Greeting name={name} />
                  <p>Ask the coding agent to change anything here.</p>
                  <button onClick={() => setCount((c) => c + 1)}>Clicked {count} times</button>
                </main>
              )
            }
            """;
    private static final String GREETING = """
            type Props = { name: string }

            /** Says hello to someone by name. */
            export function Greeting({ name }: Props) {
              return <p className="greeting">Nice to see you, {name}!</p>
            }
            """;
    private static final String CSS_PATCH = """
            --- a/src/App.css
            +++ b/src/App.css
            @@ -7,6 +7,10 @@
             button {
               padding: 0.6em 1.2em;
               border-radius: 8px;
            -  border: 1px solid #ccc;
            +  border: 1px solid #0969da;
               cursor: pointer;
             }
            +
            +.title {
            +  color: #0969da;
            +}
            """;

    StackPane root;
    Scene scene;
    String base;
    String result;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        root = new StackPane();
        Stylesheets.install(root);
        scene = new Scene(root, 1280, 800);
        stage.setScene(scene);
        stage.show();
    }

    @BeforeEach
    void server() {
        start(TestServer.Options.defaults(), "vite-react");
    }

    @AfterEach
    void light() {
        theme(false);
    }

    /** A scripted run that rewrites App.tsx, adds Greeting.tsx, patches App.css and deletes index.css. */
    private RevisionDiff runThatChangesFourFiles() {
        server.llm().script("model-a",
                Reply.toolCall("Rewriting the app.", "coding_agent_write_file",
                        Json.write(Map.of("path", "src/App.tsx", "content", APP_AFTER))),
                Reply.toolCall(null, "coding_agent_write_file",
                        Json.write(Map.of("path", "src/Greeting.tsx", "content", GREETING))),
                Reply.toolCall(null, "coding_agent_apply_patch", Json.write(Map.of("patch", CSS_PATCH))),
                Reply.toolCall(null, "coding_agent_delete_file", Json.write(Map.of("path", "src/index.css"))),
                Reply.text("Done: a blue title and a greeting."));
        String runId = server.createRun(app, Map.of("input", "make it blue", "model_id", TestServer.MODEL_A))
                .get("run_id").asText();
        JsonNode run = server.awaitStatus(app, runId, "completed", "failed");
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
        base = run.get("base_revision_id").asText();
        result = run.get("result_revision_id").asText();
        return client().diff(app, base, result);
    }

    @Test
    void showsExactlyTheRoutesLinesUnifiedAndSideBySideAndClosesWithEscAndClose(FxRobot robot) throws Exception {
        RevisionDiff diff = runThatChangesFourFiles();
        assertThat(diff.files()).extracting(FileDiff::path, FileDiff::change).containsExactly(
                tuple("src/App.css", "modified"),
                tuple("src/App.tsx", "modified"),
                tuple("src/Greeting.tsx", "added"),
                tuple("src/index.css", "deleted"));
        DiffViewModel model = new DiffViewModel(client(), Platform::runLater, IO);
        model.titleProperty().set("Changes of the last run");
        AtomicInteger closed = show(robot, new DiffView(model));
        loadAndWait(robot, () -> model.load(app, base, result), () -> model.files().size() == 4);

        int plus = diff.files().stream().mapToInt(FileDiff::linesAdded).sum();
        int minus = diff.files().stream().mapToInt(FileDiff::linesRemoved).sum();
        assertThat(robot.lookup("#diff-summary").queryAs(Label.class).getText())
                .isEqualTo("4 files changed +" + plus + " \u2212" + minus);
        assertThat(robot.lookup("#diff-unified").queryAs(ToggleButton.class).isSelected()).isTrue();
        ListView<?> files = robot.lookup("#diff-files").queryAs(ListView.class);
        assertThat(files.getItems()).hasSize(4);

        // Each file, once clicked in the list, is scrolled to; its lines are the route's lines, in order.
        for (FileDiff f : diff.files()) {
            robot.clickOn(robot.lookup(".diff-file-cell").match(n -> n instanceof ListCell<?> c
                    && c.getItem() instanceof DiffFile d && d.path().equals(f.path())).queryAs(Node.class));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(model.selectedFileProperty().get().path()).isEqualTo(f.path());
            List<ListCell<?>> cells = visibleRows(robot);
            // The file's header is at the top, unless the list is scrolled to its end and cannot go further.
            int header = model.rowOf(model.selectedFileProperty().get());
            List<Integer> shown = cells.stream().map(ListCell::getIndex).toList();
            assertThat(shown).contains(header);
            assertThat(shown.get(0) == header || shown.getLast() == model.rows().size() - 1).as(shown.toString())
                    .isTrue();
            assertThat(renderedLines(cells, f.path())).as(f.path()).containsExactlyElementsOf(expectedLines(f));
            assertThat(renderedHunkHeaders(cells, f.path())).containsExactlyElementsOf(
                    f.unifiedDiff().lines().filter(l -> l.startsWith("@@")).toList());
        }
        assertThat(expectedLines(diff.files().get(1))).contains("9|0|-|      <h1>Hello from your new app</h1>",
                "0|11|+|      <h1 className=\"title\">Hello, blue world</h1>");
        robot.clickOn(robot.lookup(".diff-file-cell").nth(1).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        snapshotBothThemes("diff-unified");

        robot.clickOn("#diff-split");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.layoutProperty().get()).isEqualTo(DiffViewModel.Layout.SPLIT);
        assertThat(robot.lookup("#diff-unified").queryAs(ToggleButton.class).isSelected()).isFalse();
        List<ListCell<?>> split = visibleRows(robot);
        assertThat(split.get(0).getItem()).isInstanceOfSatisfying(DiffRow.FileHeader.class,
                h -> assertThat(h.file().path()).isEqualTo("src/App.tsx"));
        List<String> pairs = split.stream().filter(c -> c.getItem() instanceof DiffRow.Split)
                .map(c -> side(c, ".diff-side-left") + " || " + side(c, ".diff-side-right")).toList();
        assertThat(pairs).contains(
                "1| |import { useState } from 'react' || 1| |import { useState } from 'react'",
                "| | || 2|+|import { Greeting } from './Greeting'",
                "| | || 7|+|  const [name] = useState('you')",
                "9|\u2212|      <h1>Hello from your new app</h1> || "
                        + "11|+|      <h1 className=\"title\">Hello, blue world</h1>",
                "| | || 12|+|      <Greeting name={name} />");
        assertThat(robot.lookup(".diff-side-left").queryAll()).isNotEmpty();
        assertThat(robot.lookup(".diff-side-right").queryAll()).isNotEmpty();
        snapshotBothThemes("diff-split");
        // Long lines scroll sideways under the line numbers, both sides together.
        ScrollBar sideways = robot.lookup(".diff-side-scroll")
                .queryAs(ScrollBar.class);
        assertThat(sideways.isVisible()).isTrue();
        robot.interact(() -> sideways.setValue(sideways.getMax()));
        assertThat(robot.lookup(".diff-side .diff-code").queryAllAs(Node.class)).isNotEmpty()
                .allMatch(n -> n.getTranslateX() == -sideways.getMax());
        robot.clickOn("#diff-split");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.layoutProperty().get()).as("clicking the chosen layout keeps it")
                .isEqualTo(DiffViewModel.Layout.SPLIT);
        robot.clickOn("#diff-unified");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visibleRows(robot)).anyMatch(c -> c.getItem() instanceof DiffRow.Code);
        assertThat(sideways.isVisible()).isFalse();

        assertClosesWithEscAndClose(robot, closed, "#diff-lines", "#diff-close");
    }

    @Test
    void theFileViewerShowsTheDraftsFileAndItsChangesFromTheLastRun(FxRobot robot) throws Exception {
        RevisionDiff diff = runThatChangesFourFiles();
        FileViewerModel model = new FileViewerModel(client(), Platform::runLater, IO);
        AtomicInteger closed = show(robot, new FileViewer(model));
        loadAndWait(robot, () -> model.open(app, "src/App.tsx", result, diff), () -> !model.lines().isEmpty());

        List<String> expected = new ArrayList<>();
        List<String> content = APP_AFTER.lines().toList();
        for (int i = 0; i < content.size(); i++) {
            expected.add((i + 1) + "|" + content.get(i));
        }
        List<ListCell<?>> cells = visibleRows(robot);
        assertThat(cells.stream().map(c -> {
            HBox box = (HBox) c.getGraphic();
            return ((Label) box.getChildren().get(0)).getText() + "|" + text((Parent) box.getChildren().get(2));
        }).toList()).containsExactlyElementsOf(expected);
        // The lines the run added are marked: 2, 7, 11 and 12.
        assertThat(cells.stream().filter(c -> c.getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("changed")))
                .map(c -> ((FileViewerModel.CodeLine) c.getItem()).number()).toList()).containsExactly(2, 7, 11, 12);
        assertThat(robot.lookup("#file-changes-toggle").queryAs(ToggleButton.class).isDisabled()).isFalse();
        snapshotBothThemes("file-viewer");

        robot.clickOn("#file-changes-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#file-viewer-diff").queryAs(Node.class).isVisible()).isTrue();
        assertThat(robot.lookup("#file-viewer-lines").queryAs(Node.class).isVisible()).isFalse();
        FileDiff appDiff = diff.files().stream().filter(f -> f.path().equals("src/App.tsx")).findFirst()
                .orElseThrow();
        assertThat(renderedLines(visibleRows(robot), "src/App.tsx")).containsExactlyElementsOf(expectedLines(appDiff));
        snapshotBothThemes("file-viewer-changes");

        // A file the run did not change offers no changes.
        loadAndWait(robot, () -> model.open(app, "src/main.tsx", result, diff), () -> !model.lines().isEmpty());
        assertThat(robot.lookup("#file-changes-toggle").queryAs(ToggleButton.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#file-viewer-lines").queryAs(Node.class).isVisible()).isTrue();

        assertClosesWithEscAndClose(robot, closed, "#file-viewer-lines", "#file-viewer-close");
    }

    @Test
    void aFiveThousandLineDiffBuildsOnlyTheVisibleRowsAndReachesItsLastLine(FxRobot robot) throws Exception {
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            before.append("const value").append(i).append(" = ").append(i).append(";\n");
            after.append("const value").append(i).append(" = ").append(i % 2 == 0 ? i : i * 10).append(";\n");
        }
        String text = ToolDiffs.unified("src/big.ts", before.toString(), after.toString());
        DiffViewModel model = DiffViewModel.ofPatch("src/big.ts", text);
        show(robot, new DiffView(model));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.rows().size()).isGreaterThan(5000);
        assertThat(robot.lookup(".diff-row").queryAll().size()).isLessThan(120);
        robot.interact(() -> robot.lookup("#diff-lines").queryAs(ListView.class).scrollTo(model.rows().size() - 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visibleRows(robot)).anyMatch(c -> c.getItem() instanceof DiffRow.Code code
                && code.line().newLine() == 5000);
        assertThat(robot.lookup("#diff-summary").queryAs(Label.class).getText())
                .isEqualTo("1 file changed +2500 \u22122500");
    }

    @Test
    void aPatchPreviewShowsThirtyLinesUntilShowAll(FxRobot robot) throws Exception {
        StringBuilder content = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            content.append("export const line").append(i).append(" = ").append(i).append('\n');
        }
        content.append("export const wide = '").append("w".repeat(300)).append("'\n");
        JsonNode input = Json.mapper().valueToTree(Map.of("path", "src/lines.ts", "content", content.toString()));
        PatchPreview preview = PatchPreview.ofToolCall("coding_agent_write_file", input, null).orElseThrow();
        StackPane holder = new StackPane(preview);
        holder.setStyle("-fx-padding: 16; -fx-background-color: -color-bg-default;");
        robot.interact(() -> root.getChildren().setAll(holder));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(preview.lineCount()).isEqualTo(101);
        assertThat(robot.lookup(".patch-preview .diff-line").queryAll()).hasSize(PatchPreview.VISIBLE_LINES);
        assertThat(robot.lookup("#patch-preview-more").queryButton().getText()).isEqualTo("Show all 101 lines");
        List<String> first = robot.lookup(".patch-preview .diff-line").queryAllAs(HBox.class).stream()
                .limit(2).map(DiffViewUiTest::line).toList();
        assertThat(first).containsExactly("|1|+|export const line1 = 1", "|2|+|export const line2 = 2");
        snapshot("patch-preview-light");
        robot.clickOn("#patch-preview-more");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".patch-preview .diff-line").queryAll()).hasSize(101);
        assertThat(robot.lookup("#patch-preview-more").queryButton().isVisible()).isFalse();
        // The wide line is not wrapped or cut: the rows are wider than the card and scroll sideways.
        ScrollPane scroll = robot.lookup(".patch-preview-scroll")
                .queryAs(ScrollPane.class);
        assertThat(scroll.getContent().getLayoutBounds().getWidth())
                .isGreaterThan(scroll.getViewportBounds().getWidth() + 1000);
    }

    /** Puts {@code screen} in the window; the count is how often it has asked to be closed. */
    private AtomicInteger show(FxRobot robot, ClosableScreen screen) {
        AtomicInteger closed = new AtomicInteger();
        screen.setOnClose(closed::incrementAndGet);
        robot.interact(() -> root.getChildren().setAll(screen));
        return closed;
    }

    /** Starts a load on the FX thread, then waits (10 s at most) until {@code loaded} and for the screen's pulse. */
    private static void loadAndWait(FxRobot robot, Runnable load, Callable<Boolean> loaded) throws TimeoutException {
        robot.interact(load);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, loaded);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Esc in the screen's lines, then its Close button: each closes it once. */
    private static void assertClosesWithEscAndClose(FxRobot robot, AtomicInteger closed, String lines,
            String close) {
        robot.clickOn(lines);
        robot.type(KeyCode.ESCAPE);
        assertThat(closed.get()).isEqualTo(1);
        robot.clickOn(close);
        assertThat(closed.get()).isEqualTo(2);
    }

    /** The route's lines of one file as "old|new|sign|text", numbered from the hunk headers. */
    static List<String> expectedLines(FileDiff f) {
        List<String> out = new ArrayList<>();
        int o = 0;
        int n = 0;
        boolean inHunk = false;
        for (String l : f.unifiedDiff().lines().toList()) {
            Matcher m = HUNK.matcher(l);
            if (m.matches()) {
                o = Integer.parseInt(m.group(1));
                n = Integer.parseInt(m.group(2));
                inHunk = true;
            } else if (inHunk && l.startsWith("+")) {
                out.add("0|" + n++ + "|+|" + l.substring(1));
            } else if (inHunk && l.startsWith("-")) {
                out.add(o++ + "|0|-|" + l.substring(1));
            } else if (inHunk && l.startsWith(" ")) {
                out.add(o++ + "|" + n++ + "| |" + l.substring(1));
            }
        }
        return out;
    }

    /** The visible rows of the lines list, top to bottom. */
    static List<ListCell<?>> visibleRows(FxRobot robot) {
        return robot.lookup(".diff-row").queryAllAs(ListCell.class).stream()
                .filter(c -> c.isVisible() && c.getItem() != null && c.getIndex() >= 0
                        && c.localToScene(c.getLayoutBounds()).getMinY() < 800
                        && c.localToScene(c.getLayoutBounds()).getMaxY() > 0
                        && c.getListView().isVisible())
                .<ListCell<?>>map(c -> c)
                .sorted(Comparator.comparingInt(ListCell::getIndex)).distinct().toList();
    }

    private static List<String> renderedLines(List<ListCell<?>> cells, String path) {
        return cells.stream().filter(c -> c.getItem() instanceof DiffRow.Code code && code.file().path().equals(path))
                .map(c -> line((HBox) c.getGraphic()).replace("\u2212", "-"))
                .map(s -> s.startsWith("|") ? "0" + s : s).map(s -> s.replace("||", "|0|")).toList();
    }

    private static List<String> renderedHunkHeaders(List<ListCell<?>> cells, String path) {
        return cells.stream().filter(c -> c.getItem() instanceof DiffRow.HunkHeader h && h.file().path().equals(path))
                .map(c -> ((Label) c.getGraphic()).getText()).toList();
    }

    /** A unified line row as "old|new|sign|code" from its nodes. */
    private static String line(HBox row) {
        return ((Label) row.getChildren().get(0)).getText() + "|" + ((Label) row.getChildren().get(1)).getText() + "|"
                + ((Label) row.getChildren().get(2)).getText() + "|" + text((Parent) row.getChildren().get(3));
    }

    /** One side of a split row as "number|sign|code". */
    private static String side(ListCell<?> cell, String which) {
        HBox side = (HBox) cell.getGraphic().lookup(which);
        return ((Label) side.getChildren().get(0)).getText() + "|" + ((Label) side.getChildren().get(1)).getText()
                + "|" + text((Parent) ((Parent) side.getChildren().get(2)).getChildrenUnmodifiable().get(0));
    }

    private static String text(Parent code) {
        StringBuilder b = new StringBuilder();
        for (Node n : code.getChildrenUnmodifiable()) {
            b.append(((Text) n).getText());
        }
        return b.toString();
    }

    private void snapshotBothThemes(String name) throws Exception {
        snapshot(name + "-light");
        theme(true);
        snapshot(name + "-dark");
        theme(false);
    }

    private void theme(boolean dark) {
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(dark
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void snapshot(String name) throws Exception {
        var image = WaitForAsyncUtils.asyncFx(() -> scene.getRoot().snapshot(null, null)).get();
        Path out = Files.createDirectories(Path.of("target", "ui-snapshots"));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(out.toFile(), name + ".png"));
    }
}

package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.compare.CompareTable;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.testkit.LogCapture;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.ui.compare.AttemptColumn;
import dev.builderdesk.ui.compare.ComparisonsViewModel;
import dev.builderdesk.ui.compare.ExportFormat;
import dev.builderdesk.ui.picker.ModelChoice;
import dev.builderdesk.ui.timeline.TimelineItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Compare screen on a real server: three scripted models stream side by side; Stop cancels one column's
 * attempt only; the table and the charts fill in from the attempts' metrics; Apply and Undo move the draft; Continue
 * opens the attempt's thread with its model; a new window lists the comparison and reopens it; the exports parse and
 * hold the table's numbers and the JSON import round-trips; blind mode names no model in any node until the verdict.
 */
class CompareUiTest extends UiTestBase {
    private static final String PROMPT = "Add a pricing section with three tiers";
    /** Model name → id, for three models whose names appear nowhere but in their own attempts. */
    private static final Map<String, String> MODELS = new HashMap<>();

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    private void addModels() throws Exception {
        awaitConnected();
        if (MODELS.isEmpty()) {
            for (String[] m : new String[][] {{"Quokka Coder", "quokka-7b"}, {"Wombat Builder", "wombat-13b"},
                    {"Numbat Dev", "numbat-3b"}}) {
                MODELS.put(m[0], server.owner().post("/models", Map.of("name", m[0], "providers",
                        List.of(Map.of("provider", "scripted", "provider_model_id", m[1])))).json().get("id")
                        .asText());
            }
        }
        model.reloadModels().get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.picker().models().size() >= 3 + 2);
    }

    private List<String> secrets() {
        List<String> all = new ArrayList<>(MODELS.keySet());
        all.addAll(MODELS.values());
        all.addAll(List.of("quokka-7b", "wombat-13b", "numbat-3b", "Quokka", "Wombat", "Numbat"));
        return all;
    }

    private void script(int numbatWords) {
        script(numbatWords, Reply.text("Added three tiers."));
    }

    /** {@code wombatAnswer}: Wombat's last reply, after its failed read and its write. */
    private void script(int numbatWords, Reply wombatAnswer) {
        server.llm().script("quokka-7b",
                Reply.toolCall("Adding the component.", "coding_agent_write_file",
                        "{\"path\":\"src/Pricing.tsx\",\"content\":\"export const Pricing = () => <section/>;\\n\"}"),
                Reply.toolCall("Styling it.", "coding_agent_write_file",
                        "{\"path\":\"src/Pricing.css\",\"content\":\".pricing { display: grid; }\\n\"}"),
                Reply.text("Added a Pricing component, as Quokka Coder."));
        server.llm().script("wombat-13b",
                Reply.toolCall("Reading.", "coding_agent_read_file", "{\"path\":\"src/Missing.tsx\"}"),
                Reply.toolCall("Writing instead.", "coding_agent_write_file",
                        "{\"path\":\"NOTE.txt\",\"content\":\"three tiers\\n\"}"),
                wombatAnswer);
        server.llm().script("numbat-3b", Reply.slowText(numbatWords, 40));
    }

    private ModelChoice choice(String name) {
        return model.picker().models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    /** Opens Compare from the composer with the three models picked. */
    private void setUp(FxRobot robot, boolean blind) {
        type(robot, PROMPT);
        robot.clickOn("#composer-compare");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#compare-prompt").queryAs(TextInputControl.class).getText())
                .as("the composer's prompt is the comparison's").isEqualTo(PROMPT);
        robot.interact(() -> model.compare().picks().setAll(choice("Quokka Coder"), choice("Wombat Builder"),
                choice("Numbat Dev")));
        if (blind) {
            robot.clickOn("#compare-blind");
        }
    }

    private AttemptColumn columnOf(String modelName) {
        String id = MODELS.get(modelName);
        return model.compare().columns().stream().filter(c -> id.equals(runOnServer(c).get("requested_model_id")
                .asText())).findFirst().orElseThrow();
    }

    private JsonNode runOnServer(AttemptColumn column) {
        return server.owner().get(dev.builderdesk.testkit.TestServer.runs(appId()) + "/" + column.runId()).json();
    }

    private boolean allSettled() {
        return model.compare().columns().size() == 3 && model.compare().columns().stream().allMatch(c ->
                c.status().isSettled() && !c.thread().runningProperty().get()
                        && c.runProperty().get().metrics() != null
                        && c.runProperty().get().metrics().durationMs() != null);
    }

    private static String columnText(AttemptColumn column) {
        return TimelineRows.text(column.thread().timeline().items());
    }

    private List<String> draftFiles() {
        return server.owner().get("/admin/apps/" + appId() + "/files").json().get("files").findValuesAsText("path");
    }

    @Test
    void threeModelsSideBySideMeasuredAppliedContinuedAndReopened(FxRobot robot) throws Exception {
        addModels();
        // Wombat answers slowly too: Stop on Numbat's column must leave it running.
        script(400, Reply.slowText(80, 40));
        List<String> draftBefore = draftFiles();
        setUp(robot, false);
        robot.clickOn("#compare-start");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.compare().columns().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".compare-column").queryAll()).hasSize(3);

        // The slow one streams while the others finish; Stop on its column cancels it alone.
        AttemptColumn numbat = columnOf("Numbat Dev");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> columnText(numbat).contains("word5"));
        robot.clickOn("#compare-stop-" + numbat.letter());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "cancelled".equals(runOnServer(numbat).get("status")
                .asText()));
        AttemptColumn slow = columnOf("Wombat Builder");
        assertThat(runOnServer(slow).get("status").asText()).as("Stop cancels that column's attempt only")
                .isEqualTo("running");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, this::allSettled);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(runOnServer(numbat).get("status").asText()).isEqualTo("cancelled");
        AttemptColumn quokka = columnOf("Quokka Coder");
        AttemptColumn wombat = columnOf("Wombat Builder");
        assertThat(runOnServer(quokka).get("status").asText()).isEqualTo("completed");
        assertThat(runOnServer(wombat).get("status").asText()).isEqualTo("completed");
        assertThat(columnText(quokka)).contains("Added a Pricing component");
        assertThat(quokka.thread().timeline().items()).filteredOn(i -> i instanceof TimelineItem.ToolCall)
                .hasSize(2);
        assertThat(draftFiles()).as("nothing is applied before Apply").isEqualTo(draftBefore);

        // The table holds each attempt's own numbers; the charts draw the same values.
        CompareTable table = model.compare().tableProperty().get();
        int q = model.compare().columns().indexOf(quokka);
        int w = model.compare().columns().indexOf(wombat);
        assertThat(value(table, "files_changed", q)).isEqualTo(2.0);
        assertThat(value(table, "tool_failures", w)).isEqualTo(1.0);
        assertThat(value(table, "tool_failures", q)).isEqualTo(0.0);
        assertThat(robot.lookup("#metric-files_changed-" + q).queryLabeled().getText()).contains("2");
        assertThat(robot.lookup("#metric-status-" + model.compare().columns().indexOf(numbat)).queryLabeled()
                .getText()).contains("cancelled");
        BarChart<?, ?> durations = robot.lookup("#compare-chart-duration").queryAs(BarChart.class);
        assertThat(durations.getData().get(0).getData()).hasSize(3);
        double charted = ((XYChart.Data<?, ?>) durations.getData().get(0).getData().get(q)).getYValue() instanceof
                Number n ? n.doubleValue() : -1;
        assertThat(charted).isEqualTo(quokka.runProperty().get().metrics().durationMs() / 1000.0);
        BarChart<?, ?> failures = robot.lookup("#compare-chart-failures").queryAs(BarChart.class);
        assertThat(((Number) ((XYChart.Data<?, ?>) failures.getData().get(0).getData().get(w)).getYValue())
                .doubleValue()).isEqualTo(1.0);

        // Apply: asked first, then the draft is the attempt's result; Undo brings the draft back.
        robot.clickOn("#compare-apply-" + quokka.letter());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#compare-apply-confirmation")
                .query().isVisible());
        assertThat(draftFiles()).isEqualTo(draftBefore);
        robot.clickOn("#compare-apply-confirm");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> draftFiles().contains("src/Pricing.tsx"));
        assertThat(draftFiles()).contains("src/Pricing.css").doesNotContain("NOTE.txt");
        robot.clickOn("#compare-undo-apply");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> draftFiles().equals(draftBefore));

        // Exports parse and hold the table's numbers; the JSON import shows the same table.
        Path dir = Files.createTempDirectory("bd-compare-export");
        for (ExportFormat f : ExportFormat.values()) {
            model.compare().export(f, dir.resolve("c." + f.extension())).get(10, TimeUnit.SECONDS);
        }
        JsonNode json = Json.mapper().readTree(Files.readString(dir.resolve("c.json")));
        assertThat(json.get("schema_version").asInt()).isEqualTo(1);
        List<String> csv = Files.readAllLines(dir.resolve("c.csv"));
        assertThat(csv).hasSize(4);
        List<String> header = List.of(csv.get(0).split(","));
        int filesColumn = header.indexOf("files_changed");
        assertThat(filesColumn).isPositive();
        assertThat(Double.parseDouble(csv.get(q + 1).split(",")[filesColumn])).isEqualTo(2.0);
        for (int i = 0; i < 3; i++) {
            assertThat(Double.parseDouble(csv.get(i + 1).split(",")[header.indexOf("duration_ms")]))
                    .isEqualTo(value(table, "duration_ms", i));
            assertThat(json.toString()).contains(table.columns().get(i).title());
        }
        String markdown = Files.readString(dir.resolve("c.md"));
        assertThat(markdown).contains(PROMPT).contains("Quokka Coder");
        for (CompareTable.MetricRow row : table.rows()) {
            // Each row of the table is a row of the Markdown table, with the same cells.
            assertThat(markdown).as(row.key()).contains("| " + row.label() + " |");
            for (String cell : row.cells()) {
                assertThat(markdown).as(row.key()).contains(cell);
            }
        }

        // Continue with this model: the attempt's thread, its model selected.
        String quokkaSession = quokka.runProperty().get().chatSessionId();
        robot.clickOn("#compare-continue-" + quokka.letter());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> quokkaSession.equals(model.thread()
                .sessionIdProperty().get()) && !model.timeline().items().isEmpty()
                && model.picker().selectedProperty().get().id() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.compareOpenProperty().get()).isFalse();
        assertThat(model.picker().selectedProperty().get().id()).isEqualTo(MODELS.get("Quokka Coder"));
        assertThat(TimelineRows.text(model.timeline().items())).contains("Added a Pricing component");

        // A new window (a restart of the desktop) lists the comparison and reopens it with its rows and table.
        String groupId = model.compare().groupProperty().get().id();
        CompareTable before = model.compare().tableProperty().get();
        FxToolkit.setupFixture(() -> open(stage));
        awaitConnected();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.comparisons().entries().stream()
                .anyMatch(e -> e.group().id().equals(groupId)));
        var entry = model.comparisons().entries().stream().filter(e -> e.group().id().equals(groupId)).findFirst()
                .orElseThrow();
        assertThat(entry.summary()).contains("Quokka Coder").contains("Wombat Builder").contains("Numbat Dev");
        robot.clickOn("Comparisons");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup("#comparisons-list .list-cell").queryAll().stream()
                .filter(c -> c instanceof ListCell<?> cell && cell.getItem() instanceof ComparisonsViewModel.Entry e
                        && e.group().id().equals(groupId)).findFirst().orElseThrow());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.compare().columns().size() == 3
                && model.compare().columns().stream().allMatch(c -> !c.thread().loadingProperty().get()
                        && !c.thread().timeline().items().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.compareOpenProperty().get()).isTrue();
        assertThat(columnText(columnOf("Quokka Coder"))).contains("Added a Pricing component");
        assertThat(columnOf("Quokka Coder").thread().timeline().items())
                .filteredOn(i -> i instanceof TimelineItem.ToolCall).hasSize(2);
        assertThat(model.compare().tableProperty().get().rows()).isEqualTo(before.rows());

        // The JSON export imports back to the same table.
        model.compare().importFrom(dir.resolve("c.json")).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        CompareTable imported = model.compare().tableProperty().get();
        assertThat(imported.columns()).isEqualTo(before.columns());
        assertThat(imported.rows()).isEqualTo(before.rows());
        assertThat(robot.lookup("#metric-files_changed-" + q).queryLabeled().getText()).contains("2");
    }

    private static Double value(CompareTable table, String key, int column) {
        return table.rows().stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().values()
                .get(column);
    }

    @Test
    void blindModeNamesNoModelInAnyNodeUntilTheVerdict(FxRobot robot) throws Exception {
        addModels();
        script(30);
        // The window's log and the embedded server's, as the logs folder would hold them, name no model either.
        try (LogCapture log = LogCapture.start()) {
            setUp(robot, true);
            robot.clickOn("#compare-start");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.compare().columns().size() == 3);
            assertNoSecretShown("while the attempts stream");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, this::allSettled);
            WaitForAsyncUtils.waitForFxEvents();
            assertNoSecretShown("once they ended");
            // The capture sees FINE records as they are written (the scripted provider's requests, one per step).
            assertThat(log.lines()).as("the capture works").anyMatch(l -> l.startsWith("com.sun.net.httpserver"));
            for (String line : log.lines()) {
                for (String secret : secrets()) {
                    assertThat(line).as("the log of a blind comparison").doesNotContainIgnoringCase(secret);
                }
            }
        }
        assertThat(model.compare().columns()).extracting(c -> c.titleProperty().get())
                .containsExactly("Model A", "Model B", "Model C");
        // The model's own words name it; the column shows its letter instead.
        // Which column is Quokka's shows only in what it did (the server names no model yet).
        AttemptColumn quokka = model.compare().columns().stream().filter(c -> columnText(c)
                .contains("Added a Pricing component")).findFirst().orElseThrow();
        assertThat(columnText(quokka)).contains("as Model " + quokka.letter() + ".");
        assertThat(robot.lookup("#compare-continue-A").queryButton().isDisabled())
                .as("continuing would name the model").isTrue();
        // A digit rates the column that has the keyboard; the stars follow.
        robot.clickOn(robot.lookup("#compare-column-" + quokka.letter() + " .compare-column-title").queryLabeled());
        robot.type(KeyCode.DIGIT3);
        assertThat(quokka.ratingProperty().get()).isEqualTo(3);
        assertThat(robot.lookup("#compare-rate-" + quokka.letter() + "-3").queryAs(ToggleButton.class)
                .isSelected()).isTrue();
        robot.clickOn("#compare-rate-" + quokka.letter() + "-5");
        robot.clickOn("#compare-winner-" + quokka.letter());
        assertThat(model.compare().choiceProperty().get()).isEqualTo(quokka.runId());
        assertThat(quokka.ratingProperty().get()).isEqualTo(5);
        robot.clickOn("#compare-save-verdict");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.compare().hiddenProperty().get()
                || !model.compare().messageProperty().get().isEmpty());
        assertThat(model.compare().messageProperty().get()).isEmpty();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.compare().columns().stream()
                .anyMatch(c -> c.titleProperty().get().contains("Quokka Coder")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> columnText(columnOf("Quokka Coder"))
                .contains("as Quokka Coder."));
        JsonNode verdict = server.owner().get("/admin/apps/" + appId() + "/coding-agent/compare-groups/"
                + model.compare().groupProperty().get().id()).json().get("verdict");
        assertThat(verdict.get("winner_run_id").asText()).isEqualTo(quokka.runId());
        assertThat(verdict.get("ratings").get(quokka.runId()).asInt()).isEqualTo(5);
        assertThat(verdict.get("blind").asBoolean()).isTrue();
        Run revealed = quokka.runProperty().get();
        assertThat(revealed.resolvedModelId()).isEqualTo(MODELS.get("Quokka Coder"));
    }

    @Test
    void theLeaderboardRanksTheModelsBySavedVerdictsAsAReferenceFitDoes(FxRobot robot) throws Exception {
        addModels();
        List<String> names = List.of("Quokka Coder", "Wombat Builder", "Numbat Dev");
        List<String> providerIds = List.of("quokka-7b", "wombat-13b", "numbat-3b");
        // The test's own pair counts over the verdicts it saves (not read from the leaderboard).
        double[][] wins = new double[3][3];
        // An app of its own: the filter leaves out the other tests' verdicts.
        String boardApp = server.createApp("Leaderboard app", "vite-react").get("id").asText();
        String groups = "/admin/apps/" + boardApp + "/coding-agent/compare-groups";
        for (int g = 0; g < 15; g++) {
            int a = g % 3;
            int b = (g + 1) % 3;
            server.llm().script(providerIds.get(a), Reply.text("One."));
            server.llm().script(providerIds.get(b), Reply.text("Two."));
            JsonNode group = server.owner().post(groups, Map.of("input", "Compare " + g, "attempts", List.of(
                    Map.of("model_id", MODELS.get(names.get(a))), Map.of("model_id", MODELS.get(names.get(b))))))
                    .json();
            Map<String, Integer> modelOfRun = new HashMap<>();
            for (JsonNode run : group.get("runs")) {
                String id = run.get("run_id").asText();
                JsonNode done = server.awaitStatus(boardApp, id, "completed");
                modelOfRun.put(id, names.indexOf(nameOf(done.get("requested_model_id").asText())));
            }
            Map<String, Object> verdict = new HashMap<>();
            if (g % 5 == 4) {
                verdict.put("outcome", "tie");
                wins[a][b] += 0.5;
                wins[b][a] += 0.5;
            } else {
                // The lower index wins three times in four: Quokka is strongest, Numbat weakest.
                int winner = (g % 4 == 3) == (a < b) ? b : a;
                int loser = winner == a ? b : a;
                String run = modelOfRun.entrySet().stream().filter(e -> e.getValue() == winner).findFirst()
                        .orElseThrow().getKey();
                verdict.put("winner_run_id", run);
                wins[winner][loser] += 1;
            }
            assertThat(server.owner().put(groups + "/" + group.get("id").asText() + "/verdict", verdict).status())
                    .isEqualTo(200);
        }
        robot.clickOn("#composer-compare");
        robot.clickOn("#compare-leaderboard-toggle");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.leaderboard().apps().stream()
                .anyMatch(a -> a.id().equals(boardApp)));
        robot.interact(() -> model.leaderboard().filterProperty().set(model.leaderboard().apps().stream()
                .filter(a -> a.id().equals(boardApp)).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        var board = model.leaderboard().boardProperty().get();
        double[][] reference = dev.builderdesk.compare.LeaderboardTest.newtonReference(wins);
        for (int i = 0; i < 3; i++) {
            var entry = board.entry(MODELS.get(names.get(i))).orElseThrow();
            assertThat(entry.verdicts()).isEqualTo(10);
            assertThat(entry.strength().value()).as(names.get(i)).isCloseTo(reference[i][0], within(1e-6));
            assertThat(entry.strength().low()).isCloseTo(reference[i][1], within(1e-6));
            assertThat(entry.strength().high()).isCloseTo(reference[i][2], within(1e-6));
        }
        // Shown strongest first, each row with its strength and interval.
        assertThat(robot.lookup("#leaderboard-1-0").queryLabeled().getText()).isEqualTo("Quokka Coder");
        assertThat(robot.lookup("#leaderboard-1-8").queryLabeled().getText())
                .isEqualTo(board.entry(MODELS.get("Quokka Coder")).orElseThrow().strengthText());
        assertThat(robot.lookup("#leaderboard-3-0").queryLabeled().getText()).isEqualTo("Numbat Dev");
        robot.clickOn("#compare-leaderboard-toggle");
        assertThat(robot.lookup("#compare-leaderboard").tryQuery()).as("dropped when left").isEmpty();
    }

    private static String nameOf(String modelId) {
        return MODELS.entrySet().stream().filter(e -> e.getValue().equals(modelId)).findFirst().orElseThrow()
                .getKey();
    }

    /** No text or tooltip of the Compare screen or the rail's comparisons names a model. */
    private void assertNoSecretShown(String when) throws Exception {
        List<String> shown = WaitForAsyncUtils.asyncFx(() -> {
            List<String> texts = new ArrayList<>();
            String shownGroup = model.compare().groupProperty().get().id();
            collect(scene.getRoot().lookup("#compare-view"), texts, shownGroup);
            collect(scene.getRoot().lookup("#comparisons-list"), texts, shownGroup);
            return texts;
        }).get(10, TimeUnit.SECONDS);
        assertThat(shown).isNotEmpty();
        for (String secret : secrets()) {
            assertThat(shown).as(when + ": " + secret).noneMatch(t -> t.toLowerCase(java.util.Locale.ROOT)
                    .contains(secret.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** Every text and tooltip under {@code node}; of the rail's rows only the shown comparison's (the others are
     * not blind). */
    private static void collect(Node node, List<String> texts, String shownGroup) {
        if (node == null || node instanceof ListCell<?> cell && cell.getItem() instanceof ComparisonsViewModel.Entry e
                && !e.group().id().equals(shownGroup)) {
            return;
        }
        if (node instanceof Labeled l && l.getText() != null) {
            texts.add(l.getText());
        }
        if (node instanceof TextInputControl t) {
            texts.add(t.getText());
        }
        if (node instanceof javafx.scene.text.Text t) {
            texts.add(t.getText());
        }
        if (node instanceof Control c && c.getTooltip() != null) {
            texts.add(c.getTooltip().getText());
        }
        Object installed = node.getProperties().get("javafx.scene.control.Tooltip");
        if (installed instanceof Tooltip t) {
            texts.add(t.getText());
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, texts, shownGroup);
            }
        }
    }
}

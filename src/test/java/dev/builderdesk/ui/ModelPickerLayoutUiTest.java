package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.picker.ModelPickerOverlay;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The picker's layout with long model ids, its empty search result, where it opens, and where the keyboard goes
 * when it closes — in the window, on the real server.
 */
class ModelPickerLayoutUiTest extends UiTestBase {
    /** 70 characters, named by its id as discovery names a model. */
    static final String LONG_ID = "accounts/fireworks/models/llama-v3p1-405b-instruct-long-context-beta-2";
    /** 70 characters of name, with a 70-character id of its own. */
    static final String LONG_NAME = "Llama 3.1 405B Instruct, long context preview, on serverless inference";
    static final String LONG_NAME_ID = "meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo-long-context-2024-07-23b";

    @Start
    void start(Stage stage) {
        open(stage);
    }

    /** The long models and enough others that the list scrolls; once per server (it outlives a test). */
    private void addModels() throws Exception {
        assertThat(LONG_ID).hasSize(70);
        assertThat(LONG_NAME).hasSize(70);
        assertThat(LONG_NAME_ID).hasSize(70);
        boolean added = server.owner().get("/models?limit=100").json().get("models").findValuesAsText("name")
                .contains(LONG_ID);
        if (!added) {
            add(LONG_ID, LONG_ID, Map.of("context_window", 131072, "supports_tools", false));
            add(LONG_NAME, LONG_NAME_ID, Map.of("context_window", 1_000_000));
            for (int i = 1; i <= 8; i++) {
                add("Filler " + i, "filler-" + i, Map.of("context_window", 8192));
            }
        }
        model.reloadModels().get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void add(String name, String providerModelId, Map<String, Object> metadata) {
        var r = server.owner().post("/models", Map.of("name", name, "metadata", metadata, "providers",
                List.of(Map.of("provider", "scripted", "provider_model_id", providerModelId))));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    private ListView<?> list(FxRobot robot) {
        return robot.lookup("#model-picker-list").queryAs(ListView.class);
    }

    private boolean pickerOpen(FxRobot robot) {
        return robot.lookup("#model-picker-overlay").query().isVisible();
    }

    /** The list's cells that show a row now (the flow keeps spare cells, hidden). */
    private static List<ListCell<?>> shownCells(ListView<?> list) {
        List<ListCell<?>> cells = new ArrayList<>();
        for (Node n : list.lookupAll(".list-cell")) {
            if (n instanceof ListCell<?> c && c.isVisible() && !c.isEmpty() && c.getItem() != null) {
                cells.add(c);
            }
        }
        return cells;
    }

    private static Bounds viewport(ListView<?> list) {
        Node clip = list.lookup(".clipped-container");
        return clip.localToScene(clip.getLayoutBounds());
    }

    private static boolean inside(Bounds inner, Bounds outer) {
        return inner.getMinX() >= outer.getMinX() - 0.5 && inner.getMaxX() <= outer.getMaxX() + 0.5
                && inner.getMinY() >= outer.getMinY() - 0.5 && inner.getMaxY() <= outer.getMaxY() + 0.5;
    }

    private static String nameOf(ListCell<?> cell) {
        return cell.getItem() instanceof ModelPickerViewModel.Row.Choice c ? c.choice().name() : null;
    }

    @Test
    void aSeventyCharacterIdNeitherScrollsSidewaysNorPushesStarsAndBadgesOutOfView(FxRobot robot) throws Exception {
        awaitConnected();
        addModels();
        robot.clickOn("#model-picker");
        robot.clickOn("#model-picker-search").write("long");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.picker().rows()).hasSizeGreaterThanOrEqualTo(2);
        checkRows(robot, 2, true);
        snapshotBothThemes("picker-long-id-search");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();

        // The whole list, scrolled to the long ones among the others.
        robot.clickOn("#model-picker");
        WaitForAsyncUtils.waitForFxEvents();
        checkRows(robot, 5, false);
        robot.interact(() -> {
            var rows = model.picker().rows();
            int at = 0;
            while (!(rows.get(at) instanceof ModelPickerViewModel.Row.Choice c && c.choice().name().length() == 70)) {
                at++;
            }
            ((VirtualFlow<?>) list(robot).lookup(".virtual-flow")).scrollToTop(Math.max(0, at - 2));
        });
        WaitForAsyncUtils.waitForFxEvents();
        checkRows(robot, 5, true);
        snapshotBothThemes("picker-long-id");
        robot.type(KeyCode.ESCAPE);

        // The smallest window the layout holds at.
        robot.interact(() -> {
            scene.getWindow().setWidth(1024);
            scene.getWindow().setHeight(700);
        });
        robot.clickOn("#model-picker");
        robot.write("long");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(scene.getWidth()).isEqualTo(1024);
        checkRows(robot, 2, true);
        Bounds panel = WaitForAsyncUtils.asyncFx(() -> {
            Node p = robot.lookup("#model-picker-panel").query();
            return p.localToScene(p.getLayoutBounds());
        }).get();
        assertThat(panel.getMinX() >= 0 && panel.getMinY() >= 0 && panel.getMaxX() <= scene.getWidth()
                && panel.getMaxY() <= scene.getHeight()).as("the panel inside the window: %s", panel).isTrue();
        snapshot("picker-long-id-1024x700-light");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        Button button = robot.lookup("#model-picker").queryAs(Button.class);
        assertThat(button.isTextTruncated()).as("'%s' shown whole at 1024 px", button.getText()).isFalse();

        // A long name: the button stops at its maximum, ellipsized, the name in its tooltip; Send stays whole.
        pick(robot, "Llama 3.1 405B");
        assertThat(button.getText()).isEqualTo(LONG_NAME);
        assertThat(button.isTextTruncated()).isTrue();
        assertThat(button.getWidth()).isLessThanOrEqualTo(button.getMaxWidth());
        assertThat(button.getTooltip().getText()).contains(LONG_NAME);
        Button send = robot.lookup("#composer-send").queryAs(Button.class);
        assertThat(send.isTextTruncated()).isFalse();
        assertThat(send.localToScene(send.getLayoutBounds()).getMaxX()).isLessThanOrEqualTo(scene.getWidth());
        snapshot("picker-button-long-name-1024x700-light");
    }

    /** No horizontal scroll bar; every shown row's ☆ and badges inside the list's viewport; the long names cut. */
    private void checkRows(FxRobot robot, int atLeast, boolean longOnes) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            ListView<?> list = list(robot);
            List<ScrollBar> bars = list.lookupAll(".scroll-bar").stream().filter(n -> n instanceof ScrollBar)
                    .map(n -> (ScrollBar) n).filter(b -> b.getOrientation() == Orientation.HORIZONTAL).toList();
            assertThat(bars).as("the flow has its horizontal bar").isNotEmpty();
            assertThat(bars).as("no horizontal scroll bar").allMatch(b -> !b.isVisible());
            Bounds viewport = viewport(list);
            int stars = 0;
            int longRows = 0;
            for (ListCell<?> cell : shownCells(list)) {
                if (!(cell.getItem() instanceof ModelPickerViewModel.Row.Choice c) || c.choice().isAuto()) {
                    continue;
                }
                Bounds row = cell.localToScene(cell.getLayoutBounds());
                if (row.getMinY() < viewport.getMinY() || row.getMaxY() > viewport.getMaxY()) {
                    continue; // scrolled partly out of view
                }
                Node star = cell.lookup(".model-picker-star");
                assertThat(star.isVisible()).as("☆ of %s", nameOf(cell)).isTrue();
                assertThat(inside(star.localToScene(star.getLayoutBounds()), viewport))
                        .as("☆ of %s inside the list (%s in %s)", nameOf(cell),
                                star.localToScene(star.getLayoutBounds()), viewport).isTrue();
                stars++;
                for (Node badge : cell.lookupAll(".model-picker-badge")) {
                    if (badge.isVisible()) {
                        assertThat(inside(badge.localToScene(badge.getLayoutBounds()), viewport))
                                .as("badge of %s inside the list", nameOf(cell)).isTrue();
                        assertThat(badge.getLayoutBounds().getMaxX())
                                .as("badge '%s' of %s shown whole", ((Label) badge).getText(), nameOf(cell))
                                .isGreaterThanOrEqualTo(((Label) badge).prefWidth(-1) - 0.5);
                    }
                }
                String full = c.choice().name();
                if (full.length() == 70) {
                    longRows++;
                    Label name = (Label) cell.lookup(".model-picker-name");
                    Text shown = (Text) name.lookup(".text");
                    assertThat(name.isTextTruncated()).as("%s is ellipsized", full).isTrue();
                    assertThat(shown.getText()).as("rendered text of %s", full).contains("…")
                            .hasSizeLessThan(full.length());
                    if (full.equals(LONG_ID)) {
                        // An id keeps both ends: where it is served and which model it is.
                        assertThat(shown.getText()).startsWith("accounts/").endsWith("beta-2");
                    } else {
                        assertThat(shown.getText()).startsWith("Llama 3.1").endsWith("…");
                    }
                    assertThat(inside(name.localToScene(name.getLayoutBounds()), viewport)).isTrue();
                    assertThat(cell.getTooltip()).as("tooltip of %s", full).isNotNull();
                    String id = full.equals(LONG_ID) ? LONG_ID : LONG_NAME_ID;
                    assertThat(cell.getTooltip().getText()).as("the tooltip names it in full, with its id")
                            .contains(full, id);
                }
            }
            assertThat(stars).as("rows checked").isGreaterThanOrEqualTo(atLeast);
            assertThat(longRows).as("long rows checked").isGreaterThanOrEqualTo(longOnes ? 1 : 0);
            return null;
        }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aSearchWithNoMatchSaysSoAndOffersSettings(FxRobot robot) throws Exception {
        awaitConnected();
        AtomicInteger settingsOpened = new AtomicInteger();
        robot.interact(() -> model.picker().onOpenSettings(settingsOpened::incrementAndGet));
        robot.clickOn("#model-picker");
        robot.clickOn("#model-picker-search").write("zqxj");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.picker().rows()).isEmpty();
        Label empty = robot.lookup("#model-picker-empty").queryAs(Label.class);
        assertThat(empty.getText()).isEqualTo("No models match 'zqxj'");
        assertThat(empty.isVisible() && empty.getScene() != null).isTrue();
        assertThat(WaitForAsyncUtils.asyncFx(() -> inside(empty.localToScene(empty.getLayoutBounds()),
                viewport(list(robot))) && !empty.isTextTruncated()).get()).as("the message shown whole").isTrue();
        snapshotBothThemes("picker-no-match");

        robot.clickOn("#model-picker-open-settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(settingsOpened).as("the Settings action fired").hasValue(1);
        assertThat(pickerOpen(robot)).as("and closed the picker").isFalse();
    }

    @Test
    void inTheWindowTheSettingsActionOpensTheModelsSettings(FxRobot robot) throws Exception {
        awaitConnected();
        robot.clickOn("#model-picker");
        robot.clickOn("#model-picker-search").write("zqxj");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#model-picker-empty").queryLabeled().getText()).isEqualTo("No models match 'zqxj'");
        assertThat(robot.lookup("#model-picker-open-settings").query().isVisible()).isTrue();
        robot.clickOn("#model-picker-open-settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pickerOpen(robot)).isFalse();
        assertThat(String.valueOf(model.settingsPageProperty().get())).containsIgnoringCase("models");
        robot.interact(model::closeSettings);
    }

    @Test
    void itOpensAtTheTopWithTheCurrentModelCheckedAndHighlighted(FxRobot robot) throws Exception {
        awaitConnected();
        addModels();
        pick(robot, "Model B");
        robot.interact(() -> {
            if (!model.picker().isFavourite(TestServer.MODEL_B)) {
                model.picker().toggleFavourite(TestServer.MODEL_B);
            }
        });
        robot.clickOn("#model-picker");
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            ListView<?> list = list(robot);
            VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
            assertThat((double) flow.getCellCount()).as("the list scrolls").isGreaterThan(list.getHeight()
                    / list.getFixedCellSize());
            Bounds viewport = viewport(list);
            ListCell<?> first = (ListCell<?>) flow.getFirstVisibleCell();
            assertThat(first.getIndex()).as("scrolled to the top").isZero();
            assertThat(first.getItem()).isEqualTo(new ModelPickerViewModel.Row.Header("Auto"));
            assertThat(first.localToScene(first.getLayoutBounds()).getMinY()).isCloseTo(viewport.getMinY(),
                    org.assertj.core.data.Offset.offset(0.5));
            List<ListCell<?>> cells = shownCells(list).stream()
                    .filter(c -> inside(c.localToScene(c.getLayoutBounds()), viewport)).toList();
            assertThat(cells.stream().map(c -> (Object) c.getItem()).toList())
                    .contains(new ModelPickerViewModel.Row.Header("Favourites"));
            ListCell<?> current = cells.stream().filter(c -> c.getIndex() == model.picker()
                    .highlightedIndexProperty().get()).findFirst().orElseThrow();
            assertThat(nameOf(current)).as("the highlight is on the current model").isEqualTo("Model B");
            assertThat(current.isSelected()).as("and shown").isTrue();
            assertThat(current.getIndex()).as("the first of its rows, under Favourites").isEqualTo(3);
            for (ListCell<?> cell : cells) {
                Node check = cell.lookup(".model-picker-check");
                if (check != null && cell.getItem() instanceof ModelPickerViewModel.Row.Choice) {
                    assertThat(check.isVisible()).as("✓ on %s", nameOf(cell)).isEqualTo("Model B".equals(
                            nameOf(cell)));
                }
            }
            assertThat(scene.getFocusOwner().getId()).as("typing searches").isEqualTo("model-picker-search");
            return null;
        }).get(5, TimeUnit.SECONDS);
        snapshot("picker-open-top-light");
        robot.type(KeyCode.ESCAPE);
    }

    private String composerText(FxRobot robot) {
        return robot.lookup("#composer-input").queryTextInputControl().getText();
    }

    private String focusedId() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> scene.getFocusOwner() == null ? null
                : scene.getFocusOwner().getId()).get();
    }

    @Test
    void typingRightAfterThePickerClosesLandsInTheComposer(FxRobot robot) throws Exception {
        awaitConnected();
        robot.clickOn("#composer-input");
        robot.push(KeyCode.CONTROL, KeyCode.SLASH);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pickerOpen(robot)).isTrue();
        robot.write("mdlb");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pickerText(robot)).startsWith("Model B");
        robot.write("after enter");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(composerText(robot)).as("Enter picks, then typing goes to the prompt").isEqualTo("after enter");
        assertThat(focusedId()).isEqualTo("composer-input");

        // Opened with the mouse (the button takes the focus), closed with Esc.
        robot.clickOn("#model-picker");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusedId()).isEqualTo("model-picker-search");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pickerOpen(robot)).isFalse();
        robot.write(" then esc");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(composerText(robot)).as("Esc cancels, then typing goes to the prompt")
                .isEqualTo("after enter then esc");
        assertThat(pickerText(robot)).as("Esc changed nothing").startsWith("Model B");

        // Closed by a click outside the panel.
        robot.clickOn("#model-picker");
        WaitForAsyncUtils.waitForFxEvents();
        Bounds panel = robot.lookup("#model-picker-panel").query().localToScreen(robot.lookup("#model-picker-panel")
                .query().getLayoutBounds());
        robot.clickOn(panel.getMaxX() + 40, panel.getMinY() + 20);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pickerOpen(robot)).isFalse();
        robot.write(" and out");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(composerText(robot)).isEqualTo("after enter then esc and out");
    }

    @Test
    void withoutAFocusTargetClosingGivesTheFocusBackToWhereItWas(FxRobot robot) throws Exception {
        awaitConnected();
        robot.interact(() -> robot.lookup("#model-picker-overlay").queryAs(ModelPickerOverlay.class)
                .returnFocusTo(null));
        robot.clickOn("#composer-input");
        robot.push(KeyCode.CONTROL, KeyCode.SLASH);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusedId()).isEqualTo("model-picker-search");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusedId()).as("opened from the prompt").isEqualTo("composer-input");

        robot.clickOn("#model-picker");
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusedId()).as("opened by the button, which took the focus").isEqualTo("model-picker");
    }
}

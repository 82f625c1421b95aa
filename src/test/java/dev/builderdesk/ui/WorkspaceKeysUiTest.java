package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.ui.timeline.TimelineItem;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The keyboard belongs to the prompt unless the user asked for something else, and every shortcut of the sheet
 * does what it says: typing right after launch, after the picker (Enter and Esc), after Settings and sheets close;
 * Ctrl+L, Ctrl+N, Ctrl+F with Enter / Shift+Enter / Esc, Ctrl+,, Ctrl+B, Ctrl+I, F1, Ctrl+Q.
 */
class WorkspaceKeysUiTest extends UiTestBase {
    private final AtomicInteger quits = new AtomicInteger();

    @Start
    void start(Stage stage) {
        open(stage);
        ((dev.builderdesk.ui.shell.MainView) scene.getRoot()).setOnQuit(quits::incrementAndGet);
    }

    private String prompt(FxRobot robot) {
        return robot.lookup("#composer-input").queryAs(TextArea.class).getText();
    }

    private Node focused() {
        return scene.getFocusOwner();
    }

    private boolean composerFocused() {
        Node owner = focused();
        for (Node n = owner; n != null; n = n.getParent()) {
            if ("composer-input".equals(n.getId())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void typingLandsInThePromptAtLaunchAndAfterThePickerClosesWithEnterOrEsc(FxRobot robot) throws Exception {
        awaitConnected();
        // No click first: the window has just opened.
        robot.write("hello");
        assertThat(prompt(robot)).isEqualTo("hello");

        robot.press(KeyCode.CONTROL).type(KeyCode.SLASH).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("model b");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pickerText(robot)).contains("Model B");
        robot.write(" there");
        assertThat(prompt(robot)).isEqualTo("hello there");

        robot.press(KeyCode.CONTROL).type(KeyCode.SLASH).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("!");
        assertThat(prompt(robot)).isEqualTo("hello there!");
    }

    @Test
    void eachShortcutDoesWhatTheSheetSays(FxRobot robot) throws Exception {
        awaitConnected();
        server.llm().script("model-a", Reply.text("The header uses a flex row. The footer uses a grid."));
        sendAndWait(robot, "Explain the layout");
        server.llm().script("model-a", Reply.text("A second answer about the header again."));
        sendAndWait(robot, "And the header?");

        // Ctrl+L from anywhere: the rail's list had the keyboard.
        robot.clickOn("#threads-list");
        assertThat(composerFocused()).isFalse();
        shortcut(robot, KeyCode.L);
        assertThat(composerFocused()).isTrue();

        // Ctrl+F: the bar opens focused; matches are counted and highlighted; Enter / Shift+Enter move; Esc closes.
        shortcut(robot, KeyCode.F);
        assertThat(robot.lookup("#find-bar").query().isVisible()).isTrue();
        assertThat(focused()).isInstanceOf(TextField.class);
        robot.write("header");
        WaitForAsyncUtils.waitForFxEvents();
        var find = model.timeline().find();
        // "header" is in both answers and in the second prompt.
        assertThat(find.matchKeys()).hasSize(3);
        assertThat(robot.lookup("#find-summary").queryLabeled().getText()).isEqualTo("1 of 3");
        String first = find.currentKeyProperty().get();
        assertThat(robot.lookup(".timeline-row").match(n -> n.getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("find-current"))).tryQuery()).isPresent();
        robot.type(KeyCode.ENTER);
        assertThat(find.summaryProperty().get()).isEqualTo("2 of 3");
        robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
        assertThat(find.currentKeyProperty().get()).isEqualTo(first);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#find-bar").query().isVisible()).isFalse();
        assertThat(find.matchKeys()).isEmpty();
        assertThat(composerFocused()).isTrue();

        // Ctrl+B and Ctrl+I put the rail and the inspector away and back.
        shortcut(robot, KeyCode.B);
        assertThat(robot.lookup("#apps-list").tryQuery().filter(WorkspaceKeysUiTest::isShown)).isEmpty();
        shortcut(robot, KeyCode.B);
        assertThat(isShown(robot.lookup("#apps-list").query())).isTrue();
        boolean inspectorShown = robot.lookup("#inspector").tryQuery().filter(WorkspaceKeysUiTest::isShown)
                .isPresent();
        shortcut(robot, KeyCode.I);
        assertThat(robot.lookup("#inspector").tryQuery().filter(WorkspaceKeysUiTest::isShown).isPresent())
                .isEqualTo(!inspectorShown);
        shortcut(robot, KeyCode.I);
        assertThat(composerFocused()).isTrue();

        // F1 shows the sheet; Esc closes it and the prompt has the keyboard again.
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#shortcuts-sheet").query().isVisible()).isTrue();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(isShown(robot.lookup("#shortcuts-sheet").query())).isFalse();
        assertThat(composerFocused()).isTrue();

        // Ctrl+, opens Settings; Esc closes it, back to the prompt.
        shortcut(robot, KeyCode.COMMA);
        assertThat(model.settingsPageProperty().get()).isNotNull();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.settingsPageProperty().get()).isNull();
        assertThat(composerFocused()).isTrue();

        // Ctrl+N: a new, empty thread, the prompt ready.
        String before = model.thread().sessionIdProperty().get();
        assertThat(before).isNotNull();
        shortcut(robot, KeyCode.N);
        assertThat(model.thread().sessionIdProperty().get()).isNull();
        assertThat(model.timeline().items()).noneMatch(i -> i instanceof TimelineItem.UserTurn);
        assertThat(composerFocused()).isTrue();

        // Ctrl+Q asks the application to quit.
        shortcut(robot, KeyCode.Q);
        assertThat(quits.get()).isEqualTo(1);
    }

    @Test
    void aFailureNobodyCaughtIsShownThemedWithItsDetailsToCopyAndClosesBackToThePrompt(FxRobot robot)
            throws Exception {
        awaitConnected();
        robot.write("half a prompt");
        IllegalStateException failure = new IllegalStateException("cell index out of range");
        robot.interact(() -> ((dev.builderdesk.ui.shell.MainView) scene.getRoot()).showUncaught(
                new Thread("JavaFX Application Thread"), failure, "/data/logs/desktop.log"));
        assertThat(isShown(robot.lookup("#error-sheet").query())).isTrue();
        assertThat(robot.lookup("#error-summary").queryLabeled().getText()).contains("/data/logs/desktop.log")
                .doesNotContain("IllegalStateException");
        robot.clickOn("#error-copy");
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard()
                .getString()).get();
        assertThat(copied).startsWith("On thread JavaFX Application Thread:")
                .contains("java.lang.IllegalStateException: cell index out of range")
                .contains("WorkspaceKeysUiTest");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(isShown(robot.lookup("#error-sheet").query())).isFalse();
        robot.write(", kept");
        assertThat(prompt(robot)).isEqualTo("half a prompt, kept");
    }

    @Test
    void newAppAsksInlineEnterCreatesEscCancelsABlankNameIsRefusedOnTheField(FxRobot robot) throws Exception {
        awaitConnected();
        robot.clickOn("#apps-add");
        robot.clickOn("#apps-new-empty");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(isShown(robot.lookup("#inline-prompt").query())).isTrue();
        assertThat(focused()).isSameAs(robot.lookup("#inline-prompt-field").query());
        // The suggestion is selected: typing replaces it. A blank name is refused without closing.
        robot.type(KeyCode.BACK_SPACE);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(isShown(robot.lookup("#inline-prompt").query())).isTrue();
        assertThat(robot.lookup("#inline-prompt-error").queryLabeled().getText()).isEqualTo("Give it a name.");
        robot.write("notes-app");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.apps().stream()
                .anyMatch(a -> a.name().equals("notes-app")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(isShown(robot.lookup("#inline-prompt").query())).isFalse();
        assertThat(composerFocused()).isTrue();
        snapshot("12-new-app-created");

        robot.clickOn("#apps-add");
        robot.clickOn("#apps-new-empty");
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("never-made");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(isShown(robot.lookup("#inline-prompt").query())).isFalse();
        assertThat(model.apps()).noneMatch(a -> a.name().equals("never-made"));
    }

    @Test
    void theWorkspaceKeysWaitWhileSomethingIsOpenOverIt(FxRobot robot) throws Exception {
        awaitConnected();
        server.llm().script("model-a", Reply.text("Done."));
        sendAndWait(robot, "Say done");
        String session = model.thread().sessionIdProperty().get();
        shortcut(robot, KeyCode.COMMA);
        assertThat(model.settingsPageProperty().get()).isNotNull();
        shortcut(robot, KeyCode.N);
        shortcut(robot, KeyCode.F);
        assertThat(model.thread().sessionIdProperty().get()).as("no new thread under Settings").isEqualTo(session);
        assertThat(robot.lookup("#find-bar").query().isVisible()).isFalse();
        assertThat(composerFocused()).as("the prompt under Settings does not take the keyboard").isFalse();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(composerFocused()).isTrue();
    }

    /** Shown: the node and all its parents visible, and in the scene. */
    private static boolean isShown(Node node) {
        if (node.getScene() == null) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void shortcut(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL).type(key).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        try {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        } finally {
            WaitForAsyncUtils.waitForFxEvents();
        }
    }
}

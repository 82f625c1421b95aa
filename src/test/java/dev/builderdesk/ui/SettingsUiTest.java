package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.ui.picker.ModelPickerViewModel;
import dev.builderdesk.ui.settings.DesktopSettings;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Settings: test the connection, add an endpoint whose models reach the picker, switch the theme. */
class SettingsUiTest extends UiTestBase {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    private String result(FxRobot robot) {
        return robot.lookup("#settings-connection-result").queryLabeled().getText();
    }

    @Test
    void testsConnectionsAddsAnEndpointWhoseModelsReachThePickerAndSwitchesTheTheme(FxRobot robot)
            throws Exception {
        awaitConnected();
        robot.clickOn("#open-settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settings").queryAs(Node.class).isVisible()).isTrue();

        robot.clickOn("#settings-test-connection");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> result(robot).startsWith("Connected to"));
        assertThat(result(robot)).endsWith("4 active chat models.");

        robot.clickOn("#settings-mode-remote");
        robot.clickOn("#settings-remote-url").write(server.baseUrl());
        robot.clickOn("#settings-remote-token").write("not-a-token");
        robot.clickOn("#settings-test-connection");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> result(robot).startsWith("Failed"));
        assertThat(model.settings().connectionOkProperty().get()).isFalse();
        snapshot("06-settings-connection-light");
        robot.clickOn("#settings-mode-embedded");

        robot.interact(() -> model.openSettings("models"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.settings().models().isEmpty());
        robot.clickOn("#settings-provider-name").write("Team endpoint");
        robot.clickOn("#settings-provider-url").write(server.llm().baseUrl());
        robot.clickOn("#settings-provider-key").write("sk-test");
        robot.clickOn("#settings-add-provider");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.settings().models().stream()
                .anyMatch(m -> m.name().equals("model-b") && m.provider().equals("Team endpoint")));
        assertThat(robot.lookup("#settings-models-message").queryLabeled().getText())
                .isEqualTo("Added Team endpoint. 2 models offered, 2 added.");
        assertThat(robot.lookup("#settings-provider-name").queryTextInputControl().getText()).isEmpty();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.picker().rows().stream()
                .anyMatch(r -> r instanceof ModelPickerViewModel.Row.Header h && h.title().equals("Team endpoint")));
        snapshot("06-settings-models-light");

        robot.interact(() -> model.openSettings("appearance"));
        robot.clickOn("#settings-theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.settings().themeProperty().get()).isEqualTo(DesktopSettings.Theme.DARK);
        assertThat(javafx.application.Application.getUserAgentStylesheet()).containsIgnoringCase("dark");
        robot.interact(() -> model.openSettings("models"));
        WaitForAsyncUtils.waitForFxEvents();
        snapshot("06-settings-models-dark");
        robot.interact(() -> model.openSettings("appearance"));
        robot.clickOn("#settings-theme-light");
        assertThat(javafx.application.Application.getUserAgentStylesheet()).containsIgnoringCase("light");

        robot.clickOn("#settings-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settings").queryAs(Node.class).isVisible()).isFalse();

        robot.clickOn("#open-settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settings").queryAs(Node.class).isVisible()).isTrue();
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settings").queryAs(Node.class).isVisible()).as("Esc closes Settings").isFalse();
    }
}

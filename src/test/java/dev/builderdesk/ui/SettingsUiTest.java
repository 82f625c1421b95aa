package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.ui.settings.ConnectionSettingsViewModel;
import dev.builderdesk.ui.settings.DesktopSettings;
import dev.builderdesk.ui.settings.SettingsPage;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Settings: test the connection (what is wrong shown under its field), switch the theme, close with Esc. */
class SettingsUiTest extends UiTestBase {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    private String result(FxRobot robot) {
        return robot.lookup("#settings-connection-result").queryLabeled().getText();
    }

    private Label error(FxRobot robot, String field) {
        return robot.lookup("#" + field + "-error").queryAs(Label.class);
    }

    @Test
    void testsConnectionsSaysWhatIsWrongUnderItsFieldAndSwitchesTheTheme(FxRobot robot) throws Exception {
        awaitConnected();
        robot.clickOn("#open-settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settings").queryAs(Node.class).isVisible()).isTrue();
        assertThat(model.settingsPageProperty().get()).isEqualTo(SettingsPage.CONNECTION);

        robot.clickOn("#settings-test-connection");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> result(robot).startsWith("Connected to"));
        assertThat(result(robot)).endsWith("4 active chat models.");

        robot.clickOn("#settings-mode-remote");
        robot.clickOn("#settings-remote-url").write("team-server:8787");
        robot.clickOn("#settings-test-connection");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error(robot, "settings-remote-url").isVisible()).isTrue();
        assertThat(error(robot, "settings-remote-url").getText()).startsWith("Enter an address starting with");
        assertThat(error(robot, "settings-remote-token").getText()).isEqualTo("Enter the token the server gave"
                + " you.");

        robot.clickOn("#settings-remote-url").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL)
                .write(server.baseUrl());
        assertThat(error(robot, "settings-remote-url").isVisible()).as("typing clears the error").isFalse();
        robot.clickOn("#settings-remote-token").write("not-a-token");
        robot.clickOn("#settings-test-connection");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.settings().connection().stateProperty().get()
                == ConnectionSettingsViewModel.State.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error(robot, "settings-remote-token").getText()).isEqualTo("The server does not accept this"
                + " token.");
        assertThat(error(robot, "settings-remote-token").isVisible()).isTrue();
        assertThat(result(robot)).isEqualTo("Could not connect. See the field marked above.")
                .doesNotContainIgnoringCase("principal");
        snapshotBothThemes("06-settings-connection");
        robot.clickOn("#settings-mode-embedded");

        robot.interact(() -> model.openSettings(SettingsPage.APPEARANCE));
        assertThat(robot.lookup("#settings-tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem()
                .getId()).isEqualTo("settings-tab-appearance");
        robot.clickOn("#settings-theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.settings().appearance().themeProperty().get()).isEqualTo(DesktopSettings.Theme.DARK);
        assertThat(javafx.application.Application.getUserAgentStylesheet()).containsIgnoringCase("dark");
        robot.clickOn("#settings-theme-light");
        assertThat(javafx.application.Application.getUserAgentStylesheet()).containsIgnoringCase("light");

        robot.clickOn("#settings-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settings").queryAs(Node.class).isVisible()).isFalse();

        robot.clickOn("#open-settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settings").queryAs(Node.class).isVisible()).isTrue();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settings").queryAs(Node.class).isVisible()).as("Esc closes Settings").isFalse();
    }
}

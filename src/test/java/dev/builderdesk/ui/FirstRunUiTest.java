package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.app.ServerAssembly;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.ui.settings.SettingsPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The first launch: an embedded server set up with no configuration and no local model server (as on a fresh
 * machine), so the demo model is all there is; the window welcomes and leads to adding a real model.
 */
class FirstRunUiTest extends UiTestBase {
    static ServerAssembly fresh;

    @Override
    ServerConnection connection() {
        if (fresh == null) {
            try {
                fresh = ServerAssembly.start(new ServerAssembly.Options(Files.createTempDirectory("bd-first-run"),
                        null, "127.0.0.1", 0, List.of(), name -> null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ServerConnection.of(fresh.baseUrl(), fresh.ownerToken().orElseThrow());
    }

    @AfterAll
    static void stopFresh() {
        if (fresh != null) {
            fresh.close();
        }
    }

    @Start
    void start(Stage stage) {
        open(stage);
    }

    private boolean welcomeShown(FxRobot robot) {
        return robot.lookup("#first-run").queryAs(Node.class).isVisible();
    }

    @Test
    void theDemoModelIsOfferedAndTheWelcomeLeadsToAddingARealModel(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.connection().stateProperty()
                .get() == dev.builderdesk.ui.shell.ConnectionStatus.State.CONNECTED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.apps()).extracting(a -> a.name()).containsExactly("My app");
        assertThat(welcomeShown(robot)).isTrue();
        assertThat(model.picker().autoHintProperty().get()).isEqualTo("uses Demo (scripted, offline)");
        snapshotBothThemes("01-first-run");

        robot.clickOn("#first-run-add-model");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.settingsPageProperty().get()).isEqualTo(SettingsPage.MODELS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#settings-provider-name")
                .queryAs(javafx.scene.control.TextField.class).isFocused());
        robot.write("Local endpoint");
        robot.clickOn("#settings-provider-url").write(server.llm().baseUrl());
        robot.clickOn("#settings-provider-save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.onlyDemoModelProperty().get());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.picker().autoHintProperty().get()
                .equals("uses model-a"));
        assertThat(robot.lookup("#settings-models-note").queryLabeled().getText()).isEqualTo("model-a is now the"
                + " default for Auto.");
        robot.clickOn("#settings-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(welcomeShown(robot)).as("a real model ends the welcome").isFalse();
    }
}

package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.compare.CompareTable;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.ui.compare.AttemptColumn;
import dev.builderdesk.ui.picker.ModelChoice;
import dev.builderdesk.ui.settings.SettingsPage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Settings → App: the verify command typed as a command line is saved on the server as its argument list; a
 * line that would need a shell, or a bad timeout, is said under its field and nothing is sent; the comparison setup
 * names the command and links to it; after the attempts the Verify cells tell pass and fail, and the failing one's
 * tooltip holds the end of its output; Remove takes the command off the app.
 */
class AppSettingsUiTest extends UiTestBase {
    /** Passes where the attempt wrote OK.txt; else says so on stderr and exits 2. */
    private static final String CHECK = "sh -c 'ls; test -f OK.txt || { echo \"OK.txt is missing\" >&2; exit 2; }'";

    @Start
    void start(Stage stage) {
        open(stage);
    }

    private JsonNode verifyOnServer() {
        return server.owner().get("/admin/apps/" + appId()).json().get("verify");
    }

    private String error(FxRobot robot, String field) {
        Label label = robot.lookup("#" + field + "-error").queryAs(Label.class);
        return label.isVisible() ? label.getText() : "";
    }

    private void replace(FxRobot robot, String field, String text) {
        robot.clickOn("#" + field).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL)
                .type(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            robot.write(text);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void addModel(String name, String providerModel) {
        server.owner().post("/models", Map.of("name", name, "providers",
                List.of(Map.of("provider", "scripted", "provider_model_id", providerModel))));
    }

    @Test
    void verifyCommandIsSetCheckedShownInTheSetupAndMeasuredPerAttempt(FxRobot robot) throws Exception {
        awaitConnected();
        addModel("Kiwi Coder", "kiwi-1b");
        addModel("Emu Coder", "emu-2b");
        model.reloadModels().get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.picker().models().stream()
                .filter(m -> m.name().endsWith(" Coder")).count() == 2);
        assertThat(verifyOnServer().isNull()).as("no command to start with").isTrue();

        // ⚙ in the rail's apps header opens the page of the app shown.
        robot.clickOn("#apps-settings");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.settings().app().busyProperty().get()
                && model.settings().app().appProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.settingsPageProperty().get()).isEqualTo(SettingsPage.APP);
        assertThat(robot.lookup("#settings-tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem()
                .getId()).isEqualTo("settings-tab-app");
        assertThat(robot.lookup("#settings-app-name").queryLabeled().getText())
                .isEqualTo(model.selectedAppProperty().get().name());
        Button save = robot.lookup("#settings-verify-save").queryButton();
        assertThat(save.isDisabled()).as("nothing to save yet").isTrue();
        assertThat(robot.lookup("#settings-verify-remove").queryButton().isDisabled()).isTrue();

        // Shell syntax outside quotes is refused where it was typed, and nothing reaches the server.
        replace(robot, "settings-verify-command", "npm run build && npm test");
        assertThat(error(robot, "settings-verify-command")).startsWith("\"&\" would need a shell");
        robot.clickOn("#settings-verify-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(verifyOnServer().isNull()).isTrue();
        replace(robot, "settings-verify-command", "npm run \"build");
        assertThat(error(robot, "settings-verify-command")).isEqualTo("A \" is not closed.");

        // A good line says back what it runs; a timeout out of range is refused under its own field.
        replace(robot, "settings-verify-command", CHECK);
        assertThat(error(robot, "settings-verify-command")).isEmpty();
        assertThat(robot.lookup("#settings-verify-preview").queryLabeled().getText())
                .startsWith("Runs sh with 2 arguments: “-c”, “ls; test -f OK.txt");
        replace(robot, "settings-verify-timeout", "0");
        robot.clickOn("#settings-verify-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error(robot, "settings-verify-timeout")).isEqualTo("Seconds from 1 to 3600.");
        assertThat(verifyOnServer().isNull()).isTrue();
        replace(robot, "settings-verify-timeout", "30");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !verifyOnServer().isNull());
        JsonNode saved = verifyOnServer();
        assertThat(List.of(saved.get("argv").get(0).asText(), saved.get("argv").get(1).asText(),
                saved.get("argv").get(2).asText())).containsExactly("sh", "-c",
                "ls; test -f OK.txt || { echo \"OK.txt is missing\" >&2; exit 2; }");
        assertThat(saved.get("argv")).hasSize(3);
        assertThat(saved.get("timeout_s").asInt()).isEqualTo(30);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settings-verify-note").queryLabeled().getText()).startsWith("Saved");
        assertThat(save.isDisabled()).as("saved: nothing left to save").isTrue();
        snapshotBothThemes("settings-app-verify");
        robot.clickOn("#settings-close");

        // The setup names the command and links back to it; Settings open over the Compare screen.
        server.llm().script("kiwi-1b", Reply.toolCall("Writing it.", "coding_agent_write_file",
                "{\"path\":\"OK.txt\",\"content\":\"ok\\n\"}"), Reply.text("Wrote OK.txt."));
        server.llm().script("emu-2b", Reply.text("Nothing to write."));
        type(robot, "Write OK.txt");
        robot.clickOn("#composer-compare");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#compare-verify").queryLabeled()
                .getText().isEmpty());
        assertThat(robot.lookup("#compare-verify").queryLabeled().getText())
                .isEqualTo("Verify: sh -c 'ls; test -f OK.txt || { echo \"OK.txt is missing\" >&2; exit 2; }'"
                        + " (timeout 30 s) after each attempt, in its sandbox.");
        snapshotBothThemes("compare-setup-verify");
        robot.clickOn("#compare-verify-settings");
        WaitForAsyncUtils.waitForFxEvents();
        Node settings = robot.lookup("#settings").query();
        assertThat(settings.isVisible()).isTrue();
        assertThat(robot.lookup("#settings-verify-command").queryAs(TextInputControl.class).isVisible()).isTrue();
        Node top = settings.getScene().getRoot().lookup("#settings");
        assertThat(top.localToScene(top.getBoundsInLocal()).getWidth()).isPositive();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#compare-setup").query().isVisible()).as("back on the setup").isTrue();

        robot.interact(() -> model.compare().picks().setAll(choice("Kiwi Coder"), choice("Emu Coder")));
        robot.clickOn("#compare-start");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.compare().columns().size() == 2
                && model.compare().columns().stream().allMatch(c -> c.runProperty().get().metrics() != null
                && c.runProperty().get().metrics().verify() != null));
        WaitForAsyncUtils.waitForFxEvents();
        CompareTable table = model.compare().tableProperty().get();
        int kiwi = indexOf("Kiwi Coder");
        int emu = indexOf("Emu Coder");
        assertThat(robot.lookup("#metric-verify-" + kiwi).queryLabeled().getText()).contains("✓");
        Labeled failed = robot.lookup("#metric-verify-" + emu).queryLabeled();
        assertThat(failed.getText()).isEqualTo("✗ exit 2");
        assertThat(failed.getTooltip().getText()).startsWith("Failed with exit 2 after ")
                .contains("The end of its output:").contains("OK.txt is missing");
        assertThat(table.columns()).hasSize(2);

        // Remove takes it off the app; the next setup says so.
        robot.interact(() -> model.openSettings(SettingsPage.APP));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.settings().app().busyProperty().get());
        robot.clickOn("#settings-verify-remove");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> verifyOnServer().isNull());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settings-verify-command").queryAs(TextInputControl.class).getText()).isEmpty();
        robot.clickOn("#settings-close");
        robot.interact(() -> model.closeCompare());
        robot.interact(() -> model.compare().setUp(appId(), "Again", model.picker().models(), null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.compare().verifyProperty().get().known());
        assertThat(model.compare().verifyProperty().get().text()).startsWith("Verify: not set");
    }

    private ModelChoice choice(String name) {
        return model.picker().models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private int indexOf(String modelName) {
        List<AttemptColumn> columns = model.compare().columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).titleProperty().get().contains(modelName)) {
                return i;
            }
        }
        throw new AssertionError("no column of " + modelName);
    }
}

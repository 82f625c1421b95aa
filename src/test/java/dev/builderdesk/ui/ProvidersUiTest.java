package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.ScriptedLlm;
import dev.builderdesk.ui.settings.ModelsViewModel;
import dev.builderdesk.ui.settings.SettingsPage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Settings → Models in the real window: adding a provider discovers only its chat models (the first three switched
 * on) and takes Auto over from the demo model until Undo; a run whose key is rejected leads to the provider's form
 * with the key field focused, where it is fixed and tested; removal asks first and is refused while a model of the
 * provider is the default.
 */
class ProvidersUiTest extends UiTestBase {
    ScriptedLlm team;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        open(stage);
    }

    @BeforeEach
    void startTeam() throws Exception {
        team = ScriptedLlm.start().requireKey("sk-good");
    }

    @AfterEach
    void stopTeam() {
        team.close();
    }

    /** The text a label shows on screen (its rendered text node), not only its property. */
    private static String shown(FxRobot robot, String id) {
        Labeled l = robot.lookup(id).queryAs(Labeled.class);
        Text text = (Text) l.lookup(".text");
        return l.isVisible() && text != null ? text.getText() : "";
    }

    private ModelsViewModel.ModelRow row(String name) {
        return model.settings().models().rows().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow();
    }

    /** The visible labels and buttons whose text is cut short, but for those that name things with a tooltip. */
    private static List<String> cut(Node root) {
        List<String> cut = new java.util.ArrayList<>();
        for (Node n : root.lookupAll("*")) {
            if (n instanceof Labeled l && l.isVisible() && l.getText() != null && !l.getText().isEmpty()
                    && l.getTooltip() == null && l.lookup(".text") instanceof Text t && visible(l)
                    && !t.getText().equals(l.getText())) {
                cut.add(l.getText() + " shown as " + t.getText());
            }
        }
        return cut;
    }

    private static boolean visible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Waits until the node with this id has the keyboard. */
    private void awaitFocus(String id) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> scene.getFocusOwner()
                != null && id.equals(scene.getFocusOwner().getId())).get());
    }

    /** Waits until the label shows {@code text}; fails naming what it shows instead. */
    private void awaitNote(FxRobot robot, String id, String text) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> shown(robot, id))
                    .get().equals(text));
        } catch (java.util.concurrent.TimeoutException e) {
            assertThat(WaitForAsyncUtils.asyncFx(() -> shown(robot, id)).get()).as(id).isEqualTo(text);
        }
    }

    @Test
    void anAddedProviderBringsOnlyItsChatModelsAndTakesAutoOverFromTheDemoUntilUndone(FxRobot robot)
            throws Exception {
        awaitConnected();
        server.owner().post("/models", Map.of("name", "Demo (scripted, offline)", "is_default", true, "providers",
                List.of(Map.of("provider", "demo", "provider_model_id", "demo-scripted"))));
        team.listing(List.of(Map.of("id", "text-embedding-3-small"), Map.of("id", "gpt-4o"),
                Map.of("id", "whisper-1"), Map.of("id", "gpt-4o-mini"), Map.of("id", "tts-1"),
                Map.of("id", "o3-mini"), Map.of("id", "qwen-coder"), Map.of("id", "nomic", "type", "embedding")));
        robot.interact(() -> model.openSettings(SettingsPage.MODELS));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.settings().models().rows().isEmpty());

        robot.clickOn("#settings-add-provider");
        awaitFocus("settings-provider-name");
        robot.clickOn("#settings-provider-save");
        awaitNote(robot, "#settings-provider-name-error", "Give the provider a name.");
        awaitNote(robot, "#settings-provider-url-error", "Enter the endpoint's base URL, e.g."
                + " http://127.0.0.1:11434/v1");
        awaitFocus("settings-provider-name");
        robot.write("Team endpoint");
        awaitNote(robot, "#settings-provider-name-error", "");
        robot.clickOn("#settings-provider-url").write(team.baseUrl());
        robot.clickOn("#settings-provider-key").write("sk-good");
        robot.clickOn("#settings-provider-save");

        awaitNote(robot, "#settings-providers-note", "Added 4 chat models from Team endpoint; 3 are switched on."
                + " Left out 4 models that are not chat models.");
        awaitNote(robot, "#settings-models-note", "gpt-4o is now the default for Auto.");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.settings().models().rows().stream()
                .anyMatch(m -> m.name().equals("gpt-4o") && m.isDefault()));
        assertThat(model.settings().models().rows()).extracting(ModelsViewModel.ModelRow::name)
                .contains("gpt-4o", "gpt-4o-mini", "o3-mini", "qwen-coder")
                .doesNotContain("text-embedding-3-small", "whisper-1", "tts-1", "nomic");
        assertThat(model.settings().models().rows()).filteredOn(m -> m.provider().equals("Team endpoint"))
                .extracting(ModelsViewModel.ModelRow::active).containsExactly(true, true, true, false);
        assertThat(robot.lookup("#settings-models-undo").queryAs(Button.class).isVisible()).isTrue();
        assertThat(robot.lookup("#settings-provider-form").queryAs(Node.class).isVisible()).isFalse();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.picker().autoHintProperty().get()
                .equals("uses gpt-4o"));
        snapshotBothThemes("06-settings-models");

        String star = "#settings-model-favourite-" + row("gpt-4o").id();
        robot.clickOn(star);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(star).queryAs(Button.class).getText()).as("the star changes at once")
                .isEqualTo("★");
        assertThat(model.picker().isFavourite(row("gpt-4o").id())).isTrue();
        robot.interact(() -> model.picker().toggleFavourite(row("gpt-4o").id()));
        assertThat(robot.lookup(star).queryAs(Button.class).getText()).as("and follows the picker").isEqualTo("☆");

        robot.clickOn("#settings-models-undo");
        awaitNote(robot, "#settings-models-note", "Demo (scripted, offline) is the default for Auto again.");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.picker().autoHintProperty().get()
                .equals("uses Demo (scripted, offline)"));
        assertThat(row("gpt-4o").isDefault()).isFalse();
        assertThat(robot.lookup("#settings-models-undo").queryAs(Button.class).isVisible()).isFalse();
    }

    @Test
    void aRejectedKeyLeadsToTheProvidersFormWhereItIsFixedTestedAndTheProviderRemoved(FxRobot robot)
            throws Exception {
        awaitConnected();
        team.listing(List.of(Map.of("id", "keyed-chat"), Map.of("id", "keyed-embed")));
        server.owner().post("/providers", Map.of("name", "Keyed", "base_url", team.baseUrl(), "api_key", "sk-old"));
        server.owner().put("/providers/keyed", Map.of("api_key", "sk-good"));
        JsonNode added = server.owner().post("/providers/keyed/discover", Map.of("add", true)).json().get("added");
        String keyedChat = added.get(0).get("id").asText();
        server.owner().put("/providers/keyed", Map.of("api_key", "sk-old"));
        robot.interact(() -> model.reloadModels());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.picker().choiceFor(keyedChat).name()
                .equals("keyed-chat"));

        pick(robot, "keyed-chat");
        type(robot, "Hello");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#composer-error-action")
                .queryAs(Button.class).isVisible());
        assertThat(robot.lookup("#composer-error").queryLabeled().getText()).isEqualTo("The provider rejected the"
                + " API key (401)");
        assertThat(robot.lookup("#composer-error-action").queryAs(Button.class).getText())
                .isEqualTo("Open model settings");
        robot.clickOn("#composer-error-action");
        awaitFocus("settings-provider-key");
        assertThat(model.settingsPageProperty().get()).isEqualTo(SettingsPage.MODELS);
        awaitNote(robot, "#settings-provider-form-title", "Edit Keyed");
        awaitNote(robot, "#settings-provider-key-state", "An API key is set.");
        assertThat(robot.lookup("#settings-provider-key").queryAs(TextField.class).getText())
                .as("the saved key is never shown").isEmpty();
        awaitNote(robot, "#settings-provider-key-error", "The provider rejected this key. Enter the right one and"
                + " save.");
        snapshotBothThemes("06-settings-provider-edit");
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(WaitForAsyncUtils.asyncFx(() -> cut(robot.lookup("#settings").query())).get())
                .as("at 1024×700 nothing is cut but names with a tooltip").isEmpty();
        snapshot("06-settings-provider-edit-1024x700-light");
        robot.interact(() -> {
            stage.setWidth(1240);
            stage.setHeight(800);
        });

        awaitFocus("settings-provider-key");
        robot.write("sk-bad");
        robot.clickOn("#settings-provider-save");
        awaitNote(robot, "#settings-provider-key-error", "The provider rejected the API key (401).");
        awaitNote(robot, "#settings-provider-status-keyed", "The provider rejected the API key (401).");
        awaitFocus("settings-provider-key");
        robot.write("sk-good");
        robot.clickOn("#settings-provider-save");
        awaitNote(robot, "#settings-providers-note", "Saved Keyed. Reachable: 2 models, 1 of them chat models.");
        assertThat(robot.lookup("#settings-provider-form").queryAs(Node.class).isVisible()).isFalse();
        awaitNote(robot, "#settings-provider-status-keyed", "Reachable: 2 models, 1 of them chat models.");

        team.requireKey("sk-rotated");
        robot.clickOn("#settings-provider-test-keyed");
        awaitNote(robot, "#settings-provider-status-keyed", "The provider rejected the API key (401).");
        team.requireKey("sk-good");

        server.owner().put("/models/" + keyedChat, Map.of("is_default", true));
        robot.clickOn("#settings-provider-remove-keyed");
        WaitForAsyncUtils.waitForFxEvents();
        awaitNote(robot, "#settings-provider-removal-text-keyed", "Remove Keyed and its model? Runs already made"
                + " keep their answers.");
        robot.clickOn("#settings-provider-remove-confirm-keyed");
        awaitNote(robot, "#settings-provider-removal-text-keyed", "Keyed can't be removed while its model"
                + " keyed-chat is the default for Auto. Make another model the default first.");
        assertThat(robot.lookup("#settings-provider-remove-confirm-keyed").queryAs(Button.class).isVisible()).isFalse();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> row("keyed-chat").isDefault()
                && row("keyed-chat").usedByAuto());
        WaitForAsyncUtils.waitForFxEvents();
        snapshotBothThemes("06-settings-provider-remove-refused");
        robot.clickOn("#settings-provider-remove-cancel-keyed");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settings-provider-removal-keyed").queryAs(Node.class).isVisible()).isFalse();

        robot.interact(() -> model.settings().models().makeDefault(row("Acme Private")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !row("keyed-chat").isDefault());
        robot.clickOn("#settings-provider-remove-keyed");
        robot.clickOn("#settings-provider-remove-confirm-keyed");
        awaitNote(robot, "#settings-providers-note", "Removed Keyed and its model.");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#settings-provider-keyed").tryQuery()
                .isEmpty());
        assertThat(model.settings().models().rows()).extracting(ModelsViewModel.ModelRow::name)
                .doesNotContain("keyed-chat");
        assertThat(robot.lookup(".settings").queryAll().stream().flatMap(n -> robot.from(n).lookup(".label")
                .queryAllAs(Label.class).stream()).map(Label::getText).filter(t -> t != null)
                .filter(t -> t.toLowerCase(Locale.ROOT).contains("tenant")
                        || t.toLowerCase(Locale.ROOT).contains("exception"))).isEmpty();
    }
}

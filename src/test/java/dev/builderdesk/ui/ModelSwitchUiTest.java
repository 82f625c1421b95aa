package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.picker.ModelChoice;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import dev.builderdesk.ui.timeline.TimelineItem;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The model picker in the window, and the model carried by each run of a thread. */
class ModelSwitchUiTest extends UiTestBase {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    private List<String> shownNames() {
        return model.picker().rows().stream().filter(r -> r instanceof ModelPickerViewModel.Row.Choice)
                .map(r -> ((ModelPickerViewModel.Row.Choice) r).choice().name()).toList();
    }

    private List<String> headers() {
        return model.picker().rows().stream().filter(r -> r instanceof ModelPickerViewModel.Row.Header)
                .map(r -> ((ModelPickerViewModel.Row.Header) r).title()).toList();
    }

    private boolean popupShowing(FxRobot robot) {
        return robot.lookup("#model-picker-overlay").query().isVisible();
    }

    @Test
    void pickerListsAutoAndOnlyActiveChatModelsSearchesAndRemembersFavouritesAndRecents(FxRobot robot)
            throws Exception {
        awaitConnected();
        assertThat(shownNames()).containsExactlyInAnyOrder("Auto", "Acme Private", "Demo (scripted, offline)",
                "Model A", "Model B").startsWith("Auto").doesNotContain("Inactive Model", "Embedder", "Beta Private");

        robot.clickOn("#composer-input");
        robot.push(KeyCode.CONTROL, KeyCode.SLASH);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(popupShowing(robot)).as("Ctrl+/ opens the picker").isTrue();
        robot.write("mdlb");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shownNames()).as("fuzzy search narrows").containsExactly("Model B");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(popupShowing(robot)).isFalse();
        assertThat(pickerText(robot)).startsWith("Model B");
        assertThat(headers()).contains("Recent");

        robot.clickOn("#model-picker");
        // The star in a shown cell (the list keeps spare cells, hidden, that may hold the same ids).
        robot.clickOn(robot.lookup("#model-picker-star-" + TestServer.MODEL_A)
                .match((Node n) -> n.getParent().getParent().isVisible()).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(headers()).containsSequence("Auto", "Favourites", "Recent");
        assertThat(pickerText(robot)).as("starring does not choose").startsWith("Model B");
        // The highlight starts on the selection (Model B under Recent); Up moves to Model A under Favourites.
        robot.type(KeyCode.UP);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pickerText(robot)).startsWith("Model A");

        robot.clickOn("#model-picker");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(popupShowing(robot)).as("Esc closes").isFalse();

        robot.interact(() -> model.picker().toggleFavourite(TestServer.MODEL_B));
        robot.clickOn("#composer-input");
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.SLASH);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pickerText(robot)).as("Ctrl+Shift+/ cycles the favourites").startsWith("Model B");
    }

    @Test
    void eachRunCarriesTheModelPickedForItAndItsAnswerNamesTheModelThatAnswered(FxRobot robot) throws Exception {
        awaitConnected();
        assertThat(pickerText(robot)).startsWith("Auto");
        sendAndWait(robot, "First with Auto");
        assertThat(latestRun().get("requested_model_id").isNull()).isTrue();
        assertThat(latestRun().get("resolved_model_id").asText()).isEqualTo(TestServer.MODEL_A);
        assertThat(lastAnswerLabel()).isEqualTo("Auto → Model A");

        pick(robot, "Model B");
        sendAndWait(robot, "Then with B");
        assertThat(latestRun().get("requested_model_id").asText()).isEqualTo(TestServer.MODEL_B);
        assertThat(lastAnswerLabel()).isEqualTo("Model B");
        assertThat(server.llm().requestsFor("model-b")).hasSize(1);

        pick(robot, "Auto");
        sendAndWait(robot, "Back to Auto");
        assertThat(latestRun().get("requested_model_id").isNull()).isTrue();
        assertThat(lastAnswerLabel()).isEqualTo("Auto → Model A");
        assertThat(latestRun().get("chat_session_id").asText()).as("one thread throughout")
                .isEqualTo(model.composer().sessionIdProperty().get());
    }

    private String lastAnswerLabel() {
        var items = model.timeline().items();
        for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i) instanceof TimelineItem.TurnHeader a) {
                return a.modelLabel();
            }
        }
        throw new AssertionError("no answer");
    }

    @Test
    void aModelDeactivatedAfterThePickerLoadedGivesAnActionableErrorAndKeepsThePrompt(FxRobot robot)
            throws Exception {
        awaitConnected();
        String id = server.owner().post("/models", Map.of("name", "Temp Model", "providers", List.of(Map.of(
                "provider", "scripted", "provider_model_id", "temp")))).json().get("id").asText();
        model.reloadModels().get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        pick(robot, "Temp Model");
        assertThat(pickerText(robot)).startsWith("Temp Model");
        server.owner().put("/models/" + id, Map.of("is_active", false));
        int runs = runCount();

        type(robot, "Keep this prompt");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.composer().error().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#composer-error").queryLabeled().getText()).contains("unavailable");
        assertThat(robot.lookup("#composer-error-action").queryButton().getText()).isEqualTo("Switch to Auto");
        assertThat(robot.lookup("#composer-input").queryTextInputControl().getText()).isEqualTo("Keep this prompt");
        assertThat(pickerText(robot)).as("no silent fallback").startsWith("Temp Model");
        assertThat(runCount()).isEqualTo(runs);
        assertThat(server.llm().requestsFor("temp")).isEmpty();
        snapshot("05-model-unavailable-light");

        robot.clickOn("#composer-error-action");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pickerText(robot)).startsWith("Auto");
        assertThat(robot.lookup("#composer-input").queryTextInputControl().getText()).isEqualTo("Keep this prompt");
        assertThat(model.picker().selectedProperty().get()).isEqualTo(ModelChoice.AUTO);
    }
}

package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.client.ClientRuntime;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.shell.MainView;
import dev.builderdesk.ui.shell.MainViewModel;
import dev.builderdesk.ui.timeline.TimelineItem;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workspace end to end in a real JavaFX scene (headless Monocle) against the real embedded server and the
 * scripted demo model: pick a model in the picker, send with Enter, watch the run stream into the timeline.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class WorkspaceUiTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static ClientRuntime runtime;
    static final ExecutorService IO = Executors.newVirtualThreadPerTaskExecutor();
    MainViewModel model;
    Scene scene;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(dir);
        runtime = new ClientRuntime();
    }

    @AfterAll
    static void stopServer() {
        runtime.close();
        server.close();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        RunApiClient client = RunApiClient.connect(runtime, ServerConnection.of(server.baseUrl(),
                TestServer.ACME_OWNER));
        model = new MainViewModel(client, Platform::runLater, IO);
        scene = new Scene(new MainView(model), 1180, 760);
        stage.setScene(scene);
        stage.show();
        model.load();
    }

    @Test
    void pickTheDemoModelSendWithEnterAndSeeTheFailureAndTheOutcome(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.statusProperty().get().startsWith("Connected"));
        assertThat(model.apps()).extracting(a -> a.name()).containsExactly("My app");
        snapshot("01-first-run-light");

        robot.clickOn("#model-picker");
        robot.clickOn("#model-picker-search").write("demo");
        WaitForAsyncUtils.waitForFxEvents();
        snapshotWithPopup("02-picker-search-light", robot);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#model-picker").queryAs(Button.class).getText())
                .startsWith("Demo (scripted, offline)");

        robot.clickOn("#composer-input").write("Make the title blue");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.timeline().items().stream()
                .anyMatch(i -> i instanceof TimelineItem.RunOutcome o && o.status().equals("completed")));
        assertThat(model.composer().promptProperty().get()).isEmpty();
        TimelineItem.ToolCall failed = model.timeline().items().stream()
                .filter(i -> i instanceof TimelineItem.ToolCall t && t.state() == TimelineItem.ToolCall.State.FAILED)
                .map(i -> (TimelineItem.ToolCall) i).findFirst().orElseThrow();
        assertThat(failed.diagnostics().get(0).code()).isEqualTo("TOOL_INPUT_VALIDATION_FAILED");
        assertThat(failed.diagnostics().get(0).fields()).containsExactly("patch");
        assertThat(model.timeline().items()).anyMatch(i -> i instanceof TimelineItem.AssistantTurn a
                && a.modelLabel().equals("Demo (scripted, offline)"));
        JsonNode run = server.owner().get(TestServer.runs(model.selectedAppProperty().get().id())).json().get(0);
        assertThat(run.get("requested_model_id").asText()).isEqualTo(TestServer.MODEL_DEMO);

        ListView<?> list = robot.lookup("#timeline-list").queryAs(ListView.class);
        int failedRow = model.timeline().items().indexOf(failed);
        robot.interact(() -> list.scrollTo(Math.max(0, failedRow - 3)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".timeline-cell").match(n -> ((javafx.scene.control.ListCell<?>) n).getItem()
                == failed).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        snapshot("03-run-with-expanded-failure-light");
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        WaitForAsyncUtils.waitForFxEvents();
        snapshot("03-run-with-expanded-failure-dark");
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));

        // The inspector shows the run that just finished, offers only what fits it, and folds away.
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> model.inspector().runProperty().get() != null
                        && model.inspector().runProperty().get().status().equals("completed"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#inspector").queryAs(javafx.scene.Node.class).isVisible()).isTrue();
        assertThat(robot.lookup("#inspector-retry").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#inspector-revert").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup(".inspector-id").queryAs(javafx.scene.control.TextField.class).getText())
                .isEqualTo(run.get("run_id").asText());
        robot.clickOn("#toggle-inspector");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#inspector").queryAs(javafx.scene.Node.class).isVisible()).isFalse();
        robot.clickOn("#toggle-inspector");
    }

    /** The window with the open popup drawn over it where it is on screen. */
    private void snapshotWithPopup(String name, FxRobot robot) throws Exception {
        var popupWindow = robot.listTargetWindows().stream().filter(w -> w instanceof javafx.stage.Popup)
                .findFirst().orElseThrow();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> {
            WritableImage base = scene.getRoot().snapshot(null, null);
            WritableImage popup = popupWindow.getScene().getRoot().snapshot(null, null);
            double x = popupWindow.getX() - scene.getWindow().getX() - scene.getX();
            double y = popupWindow.getY() - scene.getWindow().getY() - scene.getY();
            var canvas = new javafx.scene.canvas.Canvas(base.getWidth(), base.getHeight());
            canvas.getGraphicsContext2D().drawImage(base, 0, 0);
            canvas.getGraphicsContext2D().drawImage(popup, Math.max(0, x), Math.max(0, y));
            return canvas.snapshot(null, null);
        }).get();
        write(name, image);
    }

    private static void write(String name, WritableImage image) throws Exception {
        Path out = Files.createDirectories(Path.of("target", "ui-snapshots"));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(out.toFile(), name + ".png"));
    }

    private void snapshot(String name) throws Exception {
        write(name, WaitForAsyncUtils.asyncFx(() -> scene.getRoot().snapshot(null, null)).get());
    }
}

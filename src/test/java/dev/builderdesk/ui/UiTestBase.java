package dev.builderdesk.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.client.internal.ClientRuntime;
import dev.builderdesk.client.internal.RunApiClients;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.fx.UiTime;
import dev.builderdesk.ui.settings.DesktopEnvironment;
import dev.builderdesk.ui.settings.SettingsStore;
import dev.builderdesk.ui.shell.MainView;
import dev.builderdesk.ui.shell.MainViewModel;
import dev.builderdesk.ui.timeline.TimelineItem;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window (headless Monocle) on a real server with the scripted provider, one server per test class.
 * Subclasses call {@link #open(Stage)} from their {@code @Start} method.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
abstract class UiTestBase {
    static final ExecutorService IO = Executors.newVirtualThreadPerTaskExecutor();
    static TestServer server;
    static ClientRuntime runtime;
    MainViewModel model;
    Scene scene;
    Stage stage;
    final java.util.List<String> openedLinks = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The server options of this class (e.g. a small step budget). */
    TestServer.Options serverOptions() {
        return TestServer.Options.defaults();
    }

    void open(Stage stage) {
        this.stage = stage;
        if (server == null) {
            try {
                server = TestServer.start(Files.createTempDirectory("bd-ui"), serverOptions());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            runtime = new ClientRuntime();
        }
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        DesktopEnvironment env = new DesktopEnvironment(settingsStore(),
                c -> RunApiClients.connect(runtime, c), s -> { }, true, "/data/builder-desk", "/data/builder-desk/logs",
                url -> openedLinks.add(url), uiTime());
        model = new MainViewModel(RunApiClients.connect(runtime, connection()), Platform::runLater, IO, env);
        scene = new Scene(new MainView(model), 1240, 800);
        stage.setScene(scene);
        // The stage is shared by the test classes: one that resized it must not leave the next in a small window.
        stage.sizeToScene();
        stage.show();
        model.load();
    }

    /** Where the window keeps its settings: in memory, one store per window, unless a class shares one. */
    SettingsStore settingsStore() {
        return SettingsStore.inMemory();
    }

    /** The window's clock and delays: the system's, unless a class drives them (testkit.ManualTime). */
    UiTime uiTime() {
        return UiTime.system();
    }

    /** The server the window talks to: the test server as acme's owner, unless a class needs another. */
    ServerConnection connection() {
        return ServerConnection.of(server.baseUrl(), TestServer.ACME_OWNER);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            runtime.close();
            server.close();
            server = null;
        }
    }

    void awaitConnected() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.statusProperty().get().startsWith("Connected"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.picker().rows().size() > 2);
    }

    void pick(FxRobot robot, String search) {
        robot.clickOn("#model-picker");
        robot.clickOn("#model-picker-search").write(search);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    String pickerText(FxRobot robot) {
        return robot.lookup("#model-picker").queryAs(Button.class).getText();
    }

    long outcomes() {
        return model.timeline().items().stream().filter(i -> i instanceof TimelineItem.RunOutcome).count();
    }

    void type(FxRobot robot, String prompt) {
        robot.clickOn("#composer-input").write(prompt);
    }

    void sendAndWait(FxRobot robot, String prompt) throws Exception {
        long before = outcomes();
        type(robot, prompt);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> outcomes() > before);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Reopens the shown thread as a user would after a restart: shows a new thread, then the stored one again,
     * and returns its rows once they are rebuilt from the server.
     */
    java.util.List<TimelineItem> reopenShownThread() throws Exception {
        String session = model.thread().sessionIdProperty().get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.threads().stream()
                .anyMatch(t -> t.id().equals(session)));
        var thread = model.threads().stream().filter(t -> t.id().equals(session)).findFirst().orElseThrow();
        org.testfx.api.FxToolkit.setupFixture(() -> model.newThread());
        WaitForAsyncUtils.waitForFxEvents();
        org.testfx.api.FxToolkit.setupFixture(() -> model.openThread(thread));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> session.equals(model.thread().sessionIdProperty()
                .get()) && !model.thread().loadingProperty().get() && !model.timeline().items().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        return java.util.List.copyOf(model.timeline().items());
    }

    /** The index of the first timeline row that {@code which} accepts. */
    int indexOf(java.util.function.Predicate<TimelineItem> which) {
        var items = model.timeline().items();
        for (int i = 0; i < items.size(); i++) {
            if (which.test(items.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such row");
    }

    String appId() {
        return model.selectedAppProperty().get().id();
    }

    /** The newest run of the app, as the server stores it. */
    com.fasterxml.jackson.databind.JsonNode latestRun() {
        return server.owner().get(TestServer.runs(appId()) + "?limit=1").json().get(0);
    }

    int runCount() {
        return server.owner().get(TestServer.runs(appId()) + "?limit=100").json().size();
    }

    /** Writes {@code name}-light.png and {@code name}-dark.png of the window. */
    void snapshotBothThemes(String name) throws Exception {
        snapshot(name + "-light");
        dark(true);
        snapshot(name + "-dark");
        dark(false);
    }

    void dark(boolean on) {
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(on
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    void snapshot(String name) throws Exception {
        write(name, WaitForAsyncUtils.asyncFx(() -> scene.getRoot().snapshot(null, null)).get());
    }

    private static void write(String name, WritableImage image) throws Exception {
        Path out = Files.createDirectories(Path.of("target", "ui-snapshots"));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(out.toFile(), name + ".png"));
    }
}

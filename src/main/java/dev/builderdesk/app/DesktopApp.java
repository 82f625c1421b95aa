package dev.builderdesk.app;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.client.internal.ClientRuntime;
import dev.builderdesk.client.internal.RunApiClients;
import dev.builderdesk.ui.settings.DesktopEnvironment;
import dev.builderdesk.ui.settings.DesktopSettings;
import dev.builderdesk.ui.settings.Themes;
import dev.builderdesk.ui.shell.MainView;
import dev.builderdesk.ui.shell.MainViewModel;
import dev.builderdesk.ui.shell.PaneLayout;
import dev.builderdesk.workspace.Sandboxes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.FileHandler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The desktop application. The window shows at once; the embedded server (or the remote connection) is set up off
 * the FX thread, then the workspace replaces the "Starting…" placeholder. Parameters: {@code --data-dir},
 * {@code --server} with {@code --token} (remote, for this launch), {@code --theme system|light|dark} (saved).
 * Without {@code --server}, the connection saved in Settings is used: the embedded server by default.
 */
public final class DesktopApp extends Application {
    /** What {@link #launch} started before JavaFX: the settings, the data folder's lock, the embedded server. */
    private static volatile LaunchPreparation preparation;
    /** {@code --smoke-test}: the runs to make and the report to print; null for a normal launch. */
    private static volatile SmokeTest smoke;
    private static volatile int exitStatus;
    /** How long a window closed during start-up waits for the embedded server, to stop it cleanly. */
    private static final long SERVER_START_WAIT_S = 20;

    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
    private final ClientRuntime runtime = new ClientRuntime();
    private ServerAssembly embedded;
    private ServerConnection embeddedConnection;
    private MainViewModel model;
    private Scene scene;
    private Path dataDir;
    private JsonSettingsStore store;
    private JsonFile<WindowPlacement> placementFile;
    /** What window.json held at launch (its panes are restored even when its bounds are on no screen any more). */
    private WindowPlacement lastPlacement;
    private MainView view;
    private Stage stage;
    /** The window's bounds the last time it was neither maximised nor iconified. */
    private Rectangle2D normalBounds;
    private final StringBuilder typedEarly = new StringBuilder();

    /**
     * Opens the window; returns the process status when it is closed. The settings, the data folder's lock and the
     * embedded server are prepared on other threads while JavaFX starts. When the data folder is in use by another
     * Builder Desk, the message goes to standard error and the status is 2, before any window opens. With
     * {@code smokeRuns > 0} the launch is a smoke test ({@link SmokeTest}): it makes that many Demo runs, prints its
     * report and ends.
     */
    public static int launch(Path dataDir, boolean remoteGiven, int smokeRuns, String[] args) {
        StartupClock clock = StartupClock.ofProcess();
        preparation = LaunchPreparation.begin(dataDir, remoteGiven, clock);
        if (smokeRuns > 0) {
            smoke = new SmokeTest(clock, smokeRuns, System.out);
            Thread.ofPlatform().daemon().name("smoke-test").start(DesktopApp::finishSmokeTest);
        }
        traceSinceStart("launching JavaFX");
        try {
            Application.launch(DesktopApp.class, args);
        } catch (RuntimeException noWindow) {
            // JavaFX could not start (no display): a data folder in use is still what a second process is told.
            if (preparation.folderRefusal() instanceof DataFolderInUseException inUse) {
                System.err.println(inUse.getMessage());
                return DataFolderInUseException.EXIT_STATUS;
            }
            throw noWindow;
        }
        return exitStatus;
    }

    /**
     * A smoke test on a data folder of its own, deleted afterwards: a check of the installation adds no thread to the
     * user's apps.
     */
    public static int smokeTestOnScratchFolder(int runs, String[] args) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("builder-desk-smoke-");
        } catch (IOException e) {
            System.err.println("No scratch data folder for the smoke test: " + e.getMessage());
            return 1;
        }
        try {
            return launch(scratch, false, runs, args);
        } finally {
            try {
                Sandboxes.deleteTree(scratch);
            } catch (IOException e) {
                System.err.println("The smoke test's scratch folder " + scratch + " was left: " + e.getMessage());
            }
        }
    }

    /** Waits for the smoke test's report, then closes the window as Ctrl+Q would; the status is the report's. */
    private static void finishSmokeTest() {
        int status = smoke.await();
        if (exitStatus == 0) {
            exitStatus = status;
        }
        try {
            Platform.runLater(Platform::exit);
        } catch (IllegalStateException toolkitNotRunning) {
            // JavaFX never started (or already stopped): the watchdog below ends the process.
        }
        // A launch that cannot close (a hung FX thread) must still end: the report is printed, the status known.
        try {
            Thread.sleep(SmokeTest.EXIT_GRACE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(exitStatus == 0 ? 1 : exitStatus);
    }

    /**
     * 1280×800 where that leaves room for the window's frame, at least 1100×720; a screen too small for that gets the
     * whole of it (the window opens maximised), not a smaller window still.
     */
    static Dimension2D initialSize(double screenWidth, double screenHeight) {
        double width = Math.floor(Math.min(1280, screenWidth * 0.92));
        double height = Math.floor(Math.min(800, screenHeight * 0.92));
        if (width < 1100 || height < 720) {
            return new Dimension2D(Math.floor(screenWidth), Math.floor(screenHeight));
        }
        return new Dimension2D(width, height);
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        traceSinceStart("toolkit started");
        Thread.setDefaultUncaughtExceptionHandler(this::uncaught);
        Map<String, String> params = getParameters().getNamed();
        if (!folderAvailable()) {
            return;
        }
        DesktopSettings.Theme theme = themeParam(params.get("theme"));
        Themes.apply(theme == null ? DesktopSettings.Theme.SYSTEM : theme);
        traceSinceStart("theme applied");
        Label starting = new Label(params.containsKey("server") ? "Connecting to " + params.get("server") + "…"
                : "Starting the embedded run server…");
        starting.setId("startup-status");
        dataDir = preparation.dataDir();
        placementFile = new JsonFile<>(dataDir.resolve("window.json"), WindowPlacement.class);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Dimension2D size = initialSize(screen.getWidth(), screen.getHeight());
        double minWidth = Math.min(800, size.getWidth());
        double minHeight = Math.min(560, size.getHeight());
        WindowPlacement saved = savedPlacement(minWidth, minHeight);
        scene = new Scene(new StackPane(starting), saved == null ? size.getWidth() : saved.width(),
                saved == null ? size.getHeight() : saved.height());
        stage.setTitle("Builder Desk");
        stage.setMinWidth(minWidth);
        stage.setMinHeight(minHeight);
        stage.setScene(scene);
        if (saved == null) {
            stage.setX(screen.getMinX() + (screen.getWidth() - size.getWidth()) / 2);
            stage.setY(screen.getMinY() + (screen.getHeight() - size.getHeight()) / 2);
        }
        trackNormalBounds(stage);
        stage.setOnCloseRequest(e -> savePlacement());
        // A user who starts typing while the server starts loses nothing: the keys go into the prompt once it is
        // there.
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_TYPED, e -> {
            if (view == null && !e.getCharacter().isEmpty() && !Character.isISOControl(e.getCharacter().charAt(0))) {
                typedEarly.append(e.getCharacter());
            }
        });
        traceSinceStart("scene built");
        stage.show();
        traceSinceStart("show returned");
        if (saved == null && (size.getWidth() >= screen.getWidth() || size.getHeight() >= screen.getHeight())) {
            stage.setMaximized(true);
        } else if (saved == null) {
            // Centred again once shown: the position is the frame's, which the window manager knows only by then.
            stage.setX(screen.getMinX() + (screen.getWidth() - stage.getWidth()) / 2);
            stage.setY(screen.getMinY() + (screen.getHeight() - stage.getHeight()) / 2);
        }
        if (saved != null) {
            // Placed once shown: the position is the frame's, which the window manager knows only by then.
            stage.setX(saved.x());
            stage.setY(saved.y());
            stage.setMaximized(saved.maximized());
        }
        onSecondPulse(() -> {
            logSinceStart("window shown");
            if (smoke != null) {
                smoke.windowShown();
            }
        });
        store = preparation.store();
        // Decoded off the JavaFX thread; the window manager shows them in the title bar, task switcher and dock.
        CompletableFuture.supplyAsync(DesktopApp::windowIcons, io)
                .thenAcceptAsync(icons -> stage.getIcons().setAll(icons), Platform::runLater)
                .exceptionally(failure -> {
                    System.getLogger(DesktopApp.class.getName()).log(System.Logger.Level.WARNING,
                            "The window's icon was not set", failure);
                    return null;
                });
        preparation.embedded().thenAccept(started -> {
            if (started != null && smoke != null) {
                smoke.serverReady();
            }
        });
        CompletableFuture.supplyAsync(() -> {
            logToFile();
            AotCache.logIfMissed();
            DesktopSettings settings = preparation.settings().join();
            if (!params.containsKey("server") && settings.mode() == DesktopSettings.Mode.REMOTE) {
                Platform.runLater(() -> starting.setText("Connecting to " + settings.remoteUrl() + "…"));
            }
            if (theme != null && theme != settings.theme()) {
                store.save(settings.withTheme(theme));
            }
            return params.containsKey("server")
                    ? ServerConnection.of(params.get("server"), params.get("token"))
                    : connectionFor(settings);
        }, io).whenCompleteAsync((connection, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                starting.setText("The run server did not start: " + cause.getMessage());
                if (smoke != null) {
                    smoke.failed("the run server did not start: " + cause.getMessage());
                }
                return;
            }
            show(connection);
        }, Platform::runLater);
    }

    /** The app's icon in the sizes window managers ask for most. */
    private static List<Image> windowIcons() {
        return Stream.of(32, 64, 256)
                .map(size -> DesktopApp.class.getResource("icons/builder-desk-" + size + ".png"))
                .filter(Objects::nonNull)
                .map(url -> new Image(url.toExternalForm()))
                .toList();
    }

    /**
     * Waits for the data folder's lock (taken while JavaFX started). When another Builder Desk holds it, says so on
     * standard error and ends with status 2 before any window opens.
     */
    private static boolean folderAvailable() {
        Throwable cause = preparation.folderRefusal();
        if (cause == null) {
            return true;
        }
        System.err.println(cause instanceof DataFolderInUseException ? cause.getMessage()
                : "The data folder " + preparation.dataDir() + " cannot be used: " + cause.getMessage());
        exitStatus = cause instanceof DataFolderInUseException ? DataFolderInUseException.EXIT_STATUS : 1;
        if (smoke != null) {
            smoke.failed("the data folder cannot be used: " + cause.getMessage());
        }
        Platform.exit();
        return false;
    }

    /** Runs {@code action} on the second pulse from now: the first frame with the window in it has been drawn. */
    private static void onSecondPulse(Runnable action) {
        new javafx.animation.AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 2) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }

    /** {@code --theme}: system, light or dark; null when absent, or when unknown (reported, nothing saved). */
    private static DesktopSettings.Theme themeParam(String value) {
        if (value == null) {
            return null;
        }
        try {
            return DesktopSettings.Theme.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("Unknown --theme '" + value + "': use system, light or dark. Ignored.");
            return null;
        }
    }

    /**
     * The saved remote server, or the embedded one: the one this launch started while the window opened, or (after
     * Settings switched from a remote server) one started now on a free loopback port.
     */
    private ServerConnection connectionFor(DesktopSettings settings) {
        if (settings.mode() == DesktopSettings.Mode.REMOTE && !settings.remoteUrl().isBlank()) {
            ServerConnection remote = ServerConnection.of(settings.remoteUrl(), settings.remoteToken());
            return settings.remoteTenant().isBlank() ? remote : remote.withTenant(settings.remoteTenant());
        }
        synchronized (this) {
            if (embedded == null) {
                LaunchPreparation.Embedded started = preparation.embedded().join();
                if (started == null) {
                    started = LaunchPreparation.startEmbedded(dataDir, null);
                }
                embedded = started.server();
                embeddedConnection = started.connection();
            }
            return embeddedConnection;
        }
    }

    private void show(ServerConnection connection) {
        traceSinceStart("connection known");
        boolean isEmbedded = connection.equals(embeddedConnection);
        DesktopEnvironment env = new DesktopEnvironment(store, c -> RunApiClients.connect(runtime, c),
                this::reconnect, isEmbedded, dataDir.toAbsolutePath().toString(),
                dataDir.resolve("logs").toAbsolutePath().toString(), url -> getHostServices().showDocument(url));
        RunApiClient client = RunApiClients.connect(runtime, connection);
        model = new MainViewModel(client, Platform::runLater, io, env);
        view = new MainView(model);
        if (lastPlacement != null) {
            view.restorePaneLayout(lastPlacement.panes());
        }
        view.setOnQuit(this::quit);
        scene.setRoot(view);
        traceSinceStart("workspace built");
        if (!typedEarly.isEmpty()) {
            view.typeIntoComposer(typedEarly.toString());
            typedEarly.setLength(0);
        }
        model.load().thenRun(() -> {
            logSinceStart("workspace ready");
            if (smoke != null) {
                smoke.workspaceReady(model, view, client, io);
            }
        });
    }

    /** The saved placement if it is still on a screen (a monitor may have gone since). */
    private WindowPlacement savedPlacement(double minWidth, double minHeight) {
        // Read once: the panes of the same placement are restored when the workspace is shown.
        lastPlacement = placementFile.read();
        if (lastPlacement == null) {
            return null;
        }
        return lastPlacement.onScreen(Screen.getScreens().stream().map(Screen::getVisualBounds).toList(), minWidth,
                minHeight);
    }

    /**
     * Remembers the bounds to restore: the window's position and its content's size (the size a new scene is given;
     * the window's own size includes the frame, which would grow the window by a frame at each launch). A maximised
     * or iconified window keeps the bounds it had before.
     */
    private void trackNormalBounds(Stage window) {
        javafx.beans.InvalidationListener track = o -> {
            if (!window.isMaximized() && !window.isIconified() && window.isShowing() && window.getScene() != null) {
                normalBounds = new Rectangle2D(window.getX(), window.getY(), window.getScene().getWidth(),
                        window.getScene().getHeight());
            }
        };
        window.xProperty().addListener(track);
        window.yProperty().addListener(track);
        window.widthProperty().addListener(track);
        window.heightProperty().addListener(track);
        window.showingProperty().addListener(track);
        scene.widthProperty().addListener(track);
        scene.heightProperty().addListener(track);
    }

    private void savePlacement() {
        if (placementFile == null || normalBounds == null) {
            return;
        }
        PaneLayout panes = view == null ? PaneLayout.DEFAULT : view.paneLayout();
        placementFile.write(new WindowPlacement(normalBounds.getMinX(), normalBounds.getMinY(),
                normalBounds.getWidth(), normalBounds.getHeight(), stage.isMaximized(), panes));
    }

    /** Ctrl+Q: closes the window as the window manager's close button would (the placement is saved). */
    private void quit() {
        savePlacement();
        stage.hide();
        Platform.exit();
    }

    /**
     * A failure nobody caught: logged with its stack, and shown as a themed error with "Copy details" (the app keeps
     * running; what the user typed is untouched).
     */
    private void uncaught(Thread thread, Throwable failure) {
        System.getLogger(DesktopApp.class.getName()).log(System.Logger.Level.ERROR, "Uncaught on "
                + thread.getName(), failure);
        if (smoke != null) {
            smoke.failed("a failure nobody caught on " + thread.getName() + ": " + failure);
        }
        Platform.runLater(() -> {
            if (view != null) {
                view.showUncaught(thread, failure, dataDir.resolve("logs").resolve("desktop.log").toString());
            }
        });
    }

    /** The steps between the milestones, at debug level (a start-up's profile without a profiler). */
    private static void traceSinceStart(String step) {
        System.getLogger(DesktopApp.class.getName()).log(System.Logger.Level.DEBUG, () -> step + " after "
                + preparation.elapsedMs() + " ms");
    }

    /** Start-up milestones, measured from the process's start (scripts/bench-desktop-start.sh reads them). */
    private static void logSinceStart(String milestone) {
        System.getLogger(DesktopApp.class.getName()).log(System.Logger.Level.INFO, milestone + " after "
                + preparation.elapsedMs() + " ms");
    }

    /** Settings → Apply: closes the window's streams and shows the workspace on the chosen server. */
    private void reconnect(DesktopSettings settings) {
        if (model != null) {
            model.close();
        }
        Label switching = new Label("Connecting…");
        scene.setRoot(new StackPane(switching));
        CompletableFuture.supplyAsync(() -> connectionFor(settings), io).whenCompleteAsync((connection, failure) -> {
            if (failure != null) {
                switching.setText("Could not connect: " + failure.getMessage());
                return;
            }
            show(connection);
        }, Platform::runLater);
    }

    /** Also writes the log to {@code DATA_DIR/logs/desktop.log}, the folder Settings shows. */
    private void logToFile() {
        try {
            Path logs = Files.createDirectories(dataDir.resolve("logs"));
            FileHandler handler = new FileHandler(logs.resolve("desktop.log").toString(), 5_000_000, 2, true);
            handler.setFormatter(new SimpleFormatter());
            Logger.getLogger("").addHandler(handler);
        } catch (IOException e) {
            System.getLogger(DesktopApp.class.getName()).log(System.Logger.Level.WARNING,
                    "No log file: " + e.getMessage());
        }
    }

    /** Closes in order: streams, HTTP client, embedded server, executors. */
    @Override
    public void stop() {
        savePlacement();
        if (model != null) {
            model.close();
        }
        runtime.close();
        if (embedded != null) {
            embedded.close();
        } else {
            // Closed while "Starting…": the server the launch was starting is stopped before the folder's lock goes.
            try {
                LaunchPreparation.Embedded started = preparation.embedded().get(SERVER_START_WAIT_S, TimeUnit.SECONDS);
                if (started != null) {
                    started.server().close();
                }
            } catch (ExecutionException | TimeoutException e) {
                // It did not start, or is still starting: the process ends (Main exits), which ends it too.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        preparation.folder().thenAccept(held -> {
            if (held != null) {
                held.close();
            }
        });
        io.shutdownNow();
    }
}

package dev.builderdesk.app;

import dev.builderdesk.client.ClientRuntime;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.ui.settings.DesktopEnvironment;
import dev.builderdesk.ui.settings.DesktopSettings;
import dev.builderdesk.ui.settings.Themes;
import dev.builderdesk.ui.shell.MainView;
import dev.builderdesk.ui.shell.MainViewModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.FileHandler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The desktop application. The window shows at once; the embedded server (or the remote connection) is set up off
 * the FX thread, then the workspace replaces the "Starting…" placeholder. Parameters: {@code --data-dir},
 * {@code --server} with {@code --token} (remote, for this launch), {@code --theme system|light|dark} (saved).
 * Without {@code --server}, the connection saved in Settings is used: the embedded server by default.
 */
public final class DesktopApp extends Application {
    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
    private final ClientRuntime runtime = new ClientRuntime();
    private ServerAssembly embedded;
    private ServerConnection embeddedConnection;
    private MainViewModel model;
    private Scene scene;
    private Path dataDir;
    private JsonSettingsStore store;

    @Override
    public void start(Stage stage) {
        Map<String, String> params = getParameters().getNamed();
        DesktopSettings.Theme theme = themeParam(params.get("theme"));
        Themes.apply(theme == null ? DesktopSettings.Theme.SYSTEM : theme);
        Label starting = new Label("Starting the embedded run server…");
        starting.setId("startup-status");
        scene = new Scene(new StackPane(starting), 1240, 800);
        stage.setTitle("Builder Desk");
        stage.setScene(scene);
        stage.show();
        logSinceStart("window shown");
        dataDir = params.containsKey("data-dir") ? Path.of(params.get("data-dir")) : AppDirs.defaultDataDir();
        store = new JsonSettingsStore(dataDir);
        CompletableFuture.supplyAsync(() -> {
            logToFile();
            DesktopSettings saved = store.load();
            if (theme != null && theme != saved.theme()) {
                store.save(saved.withTheme(theme));
            }
            return params.containsKey("server")
                    ? ServerConnection.of(params.get("server"), params.get("token"))
                    : connectionFor(saved);
        }, io).whenCompleteAsync((connection, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                starting.setText("The run server did not start: " + cause.getMessage());
                return;
            }
            show(connection);
        }, Platform::runLater);
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

    /** The saved remote server, or the embedded one (started on first use, on a free loopback port). */
    private ServerConnection connectionFor(DesktopSettings settings) {
        if (settings.mode() == DesktopSettings.Mode.REMOTE && !settings.remoteUrl().isBlank()) {
            ServerConnection remote = ServerConnection.of(settings.remoteUrl(), settings.remoteToken());
            return settings.remoteTenant().isBlank() ? remote : remote.withTenant(settings.remoteTenant());
        }
        synchronized (this) {
            if (embedded == null) {
                String token = launchToken();
                embedded = ServerAssembly.start(ServerAssembly.Options.of(dataDir, null, "127.0.0.1", 0)
                        .withLaunchToken(token));
                embeddedConnection = ServerConnection.of(embedded.baseUrl(), token);
            }
            return embeddedConnection;
        }
    }

    private void show(ServerConnection connection) {
        boolean isEmbedded = connection.equals(embeddedConnection);
        DesktopEnvironment env = new DesktopEnvironment(store, c -> RunApiClient.connect(runtime, c),
                this::reconnect, isEmbedded, dataDir.toAbsolutePath().toString(),
                dataDir.resolve("logs").toAbsolutePath().toString());
        model = new MainViewModel(RunApiClient.connect(runtime, connection), Platform::runLater, io, env);
        scene.setRoot(new MainView(model));
        model.load().thenRun(() -> logSinceStart("workspace ready"));
    }

    /** Start-up milestones, measured from the JVM's start (scripts/bench-desktop-start.sh reads them). */
    private static void logSinceStart(String milestone) {
        long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.getLogger(DesktopApp.class.getName()).log(System.Logger.Level.INFO, milestone + " after " + ms
                + " ms");
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

    private static String launchToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "launch_" + HexFormat.of().formatHex(bytes);
    }

    /** Closes in order: streams, HTTP client, embedded server, executors. */
    @Override
    public void stop() {
        if (model != null) {
            model.close();
        }
        runtime.close();
        if (embedded != null) {
            embedded.close();
        }
        io.shutdownNow();
    }
}

package dev.builderdesk.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.builderdesk.client.ClientRuntime;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.ui.shell.MainView;
import dev.builderdesk.ui.shell.MainViewModel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The desktop application. The window shows at once; the embedded server (or the remote connection) is set up off
 * the FX thread, then the workspace replaces the "Starting…" placeholder. Parameters: {@code --data-dir},
 * {@code --server} with {@code --token} (remote), {@code --theme light|dark}.
 */
public final class DesktopApp extends Application {
    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
    private final ClientRuntime runtime = new ClientRuntime();
    private ServerAssembly embedded;
    private MainViewModel model;

    @Override
    public void start(Stage stage) {
        Map<String, String> params = getParameters().getNamed();
        boolean dark = "dark".equalsIgnoreCase(params.getOrDefault("theme", "light"));
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        Label starting = new Label("Starting the embedded run server…");
        starting.setId("startup-status");
        Scene scene = new Scene(new StackPane(starting), 1180, 760);
        stage.setTitle("Builder Desk");
        stage.setScene(scene);
        stage.show();
        CompletableFuture.supplyAsync(() -> connect(params), io).whenCompleteAsync((connection, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                starting.setText("The run server did not start: " + cause.getMessage());
                return;
            }
            model = new MainViewModel(RunApiClient.connect(runtime, connection), Platform::runLater, io);
            scene.setRoot(new MainView(model));
            model.load();
        }, Platform::runLater);
    }

    /** The remote server named on the command line, or the embedded one started now on a free loopback port. */
    private ServerConnection connect(Map<String, String> params) {
        if (params.containsKey("server")) {
            return ServerConnection.of(params.get("server"), params.get("token"));
        }
        String token = launchToken();
        Path dataDir = params.containsKey("data-dir") ? Path.of(params.get("data-dir")) : AppDirs.defaultDataDir();
        embedded = ServerAssembly.start(ServerAssembly.Options.of(dataDir, null, "127.0.0.1", 0)
                .withLaunchToken(token));
        return ServerConnection.of(embedded.baseUrl(), token);
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

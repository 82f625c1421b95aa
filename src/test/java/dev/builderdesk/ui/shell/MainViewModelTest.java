package dev.builderdesk.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.client.ClientRuntime;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's state without a display, against the real server: first load, new apps, the Auto hint. */
class MainViewModelTest {
    @TempDir
    Path dir;
    TestServer server;
    ClientRuntime runtime;
    MainViewModel model;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
        runtime = new ClientRuntime();
        model = new MainViewModel(RunApiClient.connect(runtime, ServerConnection.of(server.baseUrl(),
                TestServer.ACME_OWNER)), Runnable::run, Runnable::run);
    }

    @AfterEach
    void stop() {
        runtime.close();
        server.close();
    }

    @Test
    void theFirstLoadCreatesAnAppAndTheAutoRowNamesTheDefaultModel() {
        model.load().join();
        assertThat(model.connectedProperty().get()).isTrue();
        assertThat(model.apps()).extracting(a -> a.name()).containsExactly("My app");
        assertThat(model.selectedAppProperty().get().name()).isEqualTo("My app");
        assertThat(model.picker().autoHintProperty().get()).isEqualTo("uses Model A");
    }

    @Test
    void newAppsFromATemplateOrAFolderOpenAtOnceAndABadFolderIsReported() throws Exception {
        model.load().join();
        model.createApp("landing-page", "vite-react", null).join();
        assertThat(model.selectedAppProperty().get().name()).isEqualTo("landing-page");
        assertThat(model.apps()).hasSize(2);

        Path folder = Files.createDirectories(dir.resolve("existing-site"));
        Files.writeString(folder.resolve("index.html"), "<h1>hi</h1>");
        model.createApp("existing-site", null, folder.toString()).join();
        assertThat(model.selectedAppProperty().get().workspacePath()).isEqualTo(folder.toString());
        assertThat(model.files().rows()).extracting(r -> r.path()).containsExactly("index.html");

        model.createApp("ghost", null, dir.resolve("missing").toString()).join();
        assertThat(model.appsMessageProperty().get()).startsWith("Could not create the app: workspace_path must be");
        assertThat(model.apps()).hasSize(3);
        assertThat(model.selectedAppProperty().get().name()).isEqualTo("existing-site");
    }
}

package dev.builderdesk.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The window's state without a display, against the real server: first load, new apps, the Auto hint. */
class MainViewModelTest extends ServerTestBase {
    MainViewModel model;

    @BeforeEach
    void start() {
        startWithoutApps(TestServer.Options.defaults());
        model = new MainViewModel(client(), Runnable::run, Runnable::run);
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

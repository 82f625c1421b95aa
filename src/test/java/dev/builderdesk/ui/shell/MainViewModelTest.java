package dev.builderdesk.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.app.ServerAssembly;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.client.internal.ClientRuntime;
import dev.builderdesk.client.internal.RunApiClients;
import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertThat(model.connection().stateProperty().get()).isEqualTo(ConnectionStatus.State.CONNECTED);
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

    @Test
    void aFirstRunWithOnlyTheDemoModelWelcomesUntilARealModelIsAdded() throws Exception {
        assertThat(model.load().thenApply(v -> model.onlyDemoModelProperty().get()).join())
                .as("the test server has real models").isFalse();
        Path data = Files.createDirectories(dir.resolve("first-run"));
        try (ServerAssembly fresh = ServerAssembly.start(new ServerAssembly.Options(data, null, "127.0.0.1", 0,
                List.of(), name -> null)); ClientRuntime runtime = new ClientRuntime()) {
            MainViewModel first = new MainViewModel(RunApiClients.connect(runtime, ServerConnection.of(
                    fresh.baseUrl(), fresh.ownerToken().orElseThrow())), Runnable::run, Runnable::run);
            first.load().join();
            assertThat(first.onlyDemoModelProperty().get()).isTrue();
            assertThat(first.picker().autoHintProperty().get()).isEqualTo("uses Demo (scripted, offline)");

            var providers = first.settings().providers();
            providers.startAdd();
            providers.form().nameProperty().set("Local endpoint");
            providers.form().urlProperty().set(server.llm().baseUrl());
            providers.save().join();
            first.reloadModels().join();
            assertThat(first.onlyDemoModelProperty().get()).isFalse();
            assertThat(first.picker().autoHintProperty().get()).as("the first real model takes Auto over")
                    .isEqualTo("uses model-a");
            first.settings().models().undo().join();
            first.reloadModels().join();
            assertThat(first.picker().autoHintProperty().get()).isEqualTo("uses Demo (scripted, offline)");
        }
    }
}

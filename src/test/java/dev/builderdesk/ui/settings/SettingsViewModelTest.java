package dev.builderdesk.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settings without a display, against the real server: connection test, endpoints and models, saved choices. */
class SettingsViewModelTest extends ServerTestBase {
    final SettingsStore store = SettingsStore.inMemory();
    final List<DesktopSettings> reconnects = new ArrayList<>();
    final ModelPickerViewModel picker = new ModelPickerViewModel();
    SettingsViewModel settings;

    @BeforeEach
    void start() {
        startWithoutApps(TestServer.Options.defaults());
        DesktopEnvironment env = new DesktopEnvironment(store, connector(), reconnects::add, true, "/data",
                "/data/logs");
        settings = new SettingsViewModel(client(), Runnable::run, Runnable::run, env, picker);
    }

    @Test
    void testConnectionTellsAWorkingServerFromARejectedTokenAndApplySavesAndReconnects() {
        settings.testConnection().join();
        assertThat(settings.connectionOkProperty().get()).isTrue();
        assertThat(settings.connectionResultProperty().get()).startsWith("Connected to " + server.baseUrl())
                .endsWith(": 4 active chat models.");

        settings.modeProperty().set(DesktopSettings.Mode.REMOTE);
        settings.remoteUrlProperty().set(server.baseUrl());
        settings.remoteTokenProperty().set("wrong-token");
        settings.testConnection().join();
        assertThat(settings.connectionOkProperty().get()).isFalse();
        assertThat(settings.connectionResultProperty().get()).startsWith("Failed: ");

        settings.remoteUrlProperty().set("team-server:8787");
        settings.applyConnection();
        assertThat(reconnects).as("a URL without a scheme is refused").isEmpty();
        assertThat(settings.connectionResultProperty().get()).contains("must start with http://");
        settings.remoteUrlProperty().set(server.baseUrl());
        settings.remoteTokenProperty().set(" " + TestServer.ACME_OWNER + " ");
        settings.testConnection().join();
        assertThat(settings.connectionOkProperty().get()).as("the field is trimmed").isTrue();
        settings.applyConnection();
        assertThat(reconnects).singleElement().satisfies(s -> {
            assertThat(s.mode()).isEqualTo(DesktopSettings.Mode.REMOTE);
            assertThat(s.remoteToken()).isEqualTo(TestServer.ACME_OWNER);
        });
        assertThat(store.load().remoteUrl()).isEqualTo(server.baseUrl());
    }

    @Test
    void anAddedEndpointBringsItsModelsWhichCanBeSwitchedOffMadeDefaultAndStarred() {
        AtomicInteger changes = new AtomicInteger();
        settings.onModelsChanged(changes::incrementAndGet);
        settings.newProviderNameProperty().set("Team endpoint");
        settings.newProviderUrlProperty().set(server.llm().baseUrl());
        settings.newProviderKeyProperty().set("sk-test");
        settings.addProvider().join();
        assertThat(settings.modelsMessageProperty().get()).isEqualTo("Added Team endpoint. 2 models offered,"
                + " 2 added.");
        assertThat(settings.newProviderNameProperty().get()).isEmpty();
        assertThat(changes.get()).isEqualTo(1);
        SettingsViewModel.ModelRow added = settings.models().stream().filter(m -> m.name().equals("model-b"))
                .findFirst().orElseThrow();
        assertThat(added.provider()).isEqualTo("Team endpoint");
        assertThat(added.active()).isTrue();
        assertThat(added.editable()).isTrue();
        assertThat(settings.models()).filteredOn(m -> m.name().equals("Model A")).singleElement()
                .satisfies(m -> assertThat(m.editable()).as("config models are read-only").isFalse());

        settings.discover(settings.providers().stream().filter(p -> p.name().equals("Team endpoint")).findFirst()
                .orElseThrow()).join();
        assertThat(settings.modelsMessageProperty().get()).isEqualTo("2 models offered, 0 added.");

        settings.setActive(added, false).join();
        assertThat(server.owner().get("/models/" + added.id()).json().get("is_active").asBoolean()).isFalse();
        settings.makeDefault(settings.models().stream().filter(m -> m.name().equals("model-a")).findFirst()
                .orElseThrow()).join();
        assertThat(settings.models()).filteredOn(SettingsViewModel.ModelRow::isDefault)
                .extracting(SettingsViewModel.ModelRow::name).contains("model-a");

        settings.toggleFavourite(added);
        assertThat(picker.isFavourite(added.id())).isTrue();
        assertThat(settings.models()).filteredOn(m -> m.id().equals(added.id())).singleElement()
                .satisfies(m -> assertThat(m.favourite()).isTrue());
    }

    @Test
    void aBadEndpointIsReportedAndTheFieldsAreKept() {
        settings.newProviderNameProperty().set("Broken");
        settings.newProviderUrlProperty().set("ftp://nope");
        settings.addProvider().join();
        assertThat(settings.modelsMessageProperty().get()).startsWith("base_url must be an http(s) URL");
        assertThat(settings.newProviderUrlProperty().get()).isEqualTo("ftp://nope");
    }

    @Test
    void themeFavouritesAndRecentsAreSavedAndComeBackOnTheNextLaunch() {
        store.save(DesktopSettings.defaults().withTheme(DesktopSettings.Theme.DARK)
                .withPicker(List.of(TestServer.MODEL_B), List.of(TestServer.MODEL_A)));
        settings.loadSaved().join();
        assertThat(settings.themeProperty().get()).isEqualTo(DesktopSettings.Theme.DARK);
        assertThat(picker.favouriteIds()).containsExactly(TestServer.MODEL_B);
        assertThat(picker.recentIds()).containsExactly(TestServer.MODEL_A);

        settings.themeProperty().set(DesktopSettings.Theme.LIGHT);
        picker.toggleFavourite(TestServer.MODEL_A);
        DesktopSettings saved = store.load();
        assertThat(saved.theme()).isEqualTo(DesktopSettings.Theme.LIGHT);
        assertThat(saved.favourites()).containsExactly(TestServer.MODEL_B, TestServer.MODEL_A);
    }
}

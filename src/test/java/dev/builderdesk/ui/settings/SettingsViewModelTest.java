package dev.builderdesk.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.ScriptedLlm;
import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.TestServer;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import dev.builderdesk.ui.settings.ProviderFormViewModel.Field;
import dev.builderdesk.ui.settings.ProvidersViewModel.Status.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Settings without a display, against the real server: the connection page, providers (add, edit, test, remove),
 * discovery of chat models only, Auto moving off the demo model, and the choices saved between launches.
 */
class SettingsViewModelTest extends ServerTestBase {
    final SettingsStore store = SettingsStore.inMemory();
    final List<DesktopSettings> reconnects = new ArrayList<>();
    final ModelPickerViewModel picker = new ModelPickerViewModel();
    SettingsViewModel settings;
    ProvidersViewModel providers;
    ProviderFormViewModel form;
    ModelsViewModel models;
    ScriptedLlm team;

    @BeforeEach
    void start() throws Exception {
        startWithoutApps(TestServer.Options.defaults());
        DesktopEnvironment env = new DesktopEnvironment(store, connector(), reconnects::add, true, "/data",
                "/data/logs", url -> { });
        settings = new SettingsViewModel(client(), Runnable::run, Runnable::run, env, picker);
        providers = settings.providers();
        form = providers.form();
        models = settings.models();
        team = ScriptedLlm.start().requireKey("sk-good").listing(List.of(Map.of("id", "text-embedding-3-small"),
                Map.of("id", "gpt-4o"), Map.of("id", "whisper-1"), Map.of("id", "gpt-4o-mini"),
                Map.of("id", "o3-mini"), Map.of("id", "qwen-coder", "type", "chat"),
                Map.of("id", "nomic", "type", "embedding")));
    }

    @AfterEach
    void stopTeam() {
        team.close();
    }

    private ProvidersViewModel.Item item(String name) {
        return providers.items().stream().filter(i -> i.provider().name().equals(name)).findFirst().orElseThrow();
    }

    private ModelsViewModel.ModelRow row(String name) {
        return models.rows().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private void addTeam(String key) {
        providers.startAdd();
        form.nameProperty().set("Team endpoint");
        form.urlProperty().set(team.baseUrl());
        form.keyProperty().set(key);
        providers.save().join();
    }

    @Test
    void connectionTestTellsAWorkingServerFromARejectedTokenAndSaysWhichFieldIsWrong() {
        ConnectionSettingsViewModel connection = settings.connection();
        connection.test().join();
        assertThat(connection.stateProperty().get()).isEqualTo(ConnectionSettingsViewModel.State.OK);
        assertThat(connection.resultProperty().get()).startsWith("Connected to " + server.baseUrl())
                .endsWith(": 4 active chat models.");

        connection.modeProperty().set(DesktopSettings.Mode.REMOTE);
        connection.remoteUrlProperty().set(server.baseUrl());
        connection.remoteTokenProperty().set("wrong-token");
        connection.test().join();
        assertThat(connection.stateProperty().get()).isEqualTo(ConnectionSettingsViewModel.State.FAILED);
        assertThat(connection.tokenErrorProperty().get()).isEqualTo("The server does not accept this token.");
        assertThat(connection.resultProperty().get()).doesNotContainIgnoringCase("principal");

        connection.remoteTokenProperty().set(TestServer.ACME_OWNER);
        assertThat(connection.tokenErrorProperty().get()).as("typing clears the error").isEmpty();
        connection.remoteTenantProperty().set(TestServer.BETA);
        connection.test().join();
        assertThat(connection.tenantErrorProperty().get()).isEqualTo("This token does not belong to that"
                + " workspace id.");
        connection.remoteTenantProperty().set("");

        connection.remoteUrlProperty().set("team-server:8787");
        connection.apply();
        assertThat(reconnects).as("an address without a scheme is refused").isEmpty();
        assertThat(connection.urlErrorProperty().get()).startsWith("Enter an address starting with http://");
        connection.remoteUrlProperty().set("http://127.0.0.1:9");
        connection.test().join();
        assertThat(connection.urlErrorProperty().get()).startsWith("Nothing answers at this address.");

        connection.remoteUrlProperty().set(server.baseUrl());
        connection.remoteTokenProperty().set(" " + TestServer.ACME_OWNER + " ");
        connection.test().join();
        assertThat(connection.stateProperty().get()).as("the field is trimmed")
                .isEqualTo(ConnectionSettingsViewModel.State.OK);
        connection.apply();
        assertThat(reconnects).singleElement().satisfies(s -> {
            assertThat(s.mode()).isEqualTo(DesktopSettings.Mode.REMOTE);
            assertThat(s.remoteToken()).isEqualTo(TestServer.ACME_OWNER);
        });
        assertThat(store.load().remoteUrl()).isEqualTo(server.baseUrl());
    }

    @Test
    void addingAnEndpointAddsOnlyItsChatModelsAndSwitchesOnTheFirstThree() {
        AtomicInteger changes = new AtomicInteger();
        settings.onModelsChanged(changes::incrementAndGet);
        addTeam("sk-good");
        assertThat(form.modeProperty().get()).isEqualTo(ProviderFormViewModel.Mode.CLOSED);
        assertThat(providers.noteProperty().get()).isEqualTo(Note.success("Added 4 chat models from Team endpoint;"
                + " 3 are switched on. Left out 3 models that are not chat models."));
        assertThat(changes.get()).isPositive();
        assertThat(models.rows()).extracting(ModelsViewModel.ModelRow::name).contains("gpt-4o", "qwen-coder")
                .doesNotContain("text-embedding-3-small", "whisper-1", "nomic");
        assertThat(models.rows()).filteredOn(m -> m.provider().equals("Team endpoint"))
                .extracting(ModelsViewModel.ModelRow::active).containsExactly(true, true, true, false);
        assertThat(models.canUndoProperty().get()).as("Auto ran Model A, not the demo").isFalse();
        assertThat(item("Team endpoint").modelCount()).isEqualTo(4);
        assertThat(item("Team endpoint").provider().hasApiKey()).isTrue();

        providers.discover(item("Team endpoint")).join();
        assertThat(providers.noteProperty().get().text()).isEqualTo("No new chat models at Team endpoint. Left out"
                + " 3 models that are not chat models.");

        ModelsViewModel.ModelRow spare = row("qwen-coder");
        models.setActive(spare, true).join();
        assertThat(row("qwen-coder").active()).isTrue();
        models.makeDefault(row("qwen-coder")).join();
        assertThat(row("qwen-coder").isDefault()).isTrue();
        assertThat(models.noteProperty().get().text()).isEqualTo("qwen-coder is now the default for Auto.");
    }

    @Test
    void aRejectedKeyIsSaidUnderTheKeyFieldAndTheProviderCanBeFixedTestedAndRemoved() {
        addTeam("sk-wrong");
        assertThat(form.modeProperty().get()).as("the added provider stays open to fix its key")
                .isEqualTo(ProviderFormViewModel.Mode.EDIT);
        assertThat(form.keyErrorProperty().get()).isEqualTo("The provider rejected the API key (401).");
        assertThat(form.focusProperty().get()).isEqualTo(Field.KEY);
        assertThat(form.keySetProperty().get()).isTrue();
        assertThat(item("Team endpoint").status().state()).isEqualTo(State.KEY_REJECTED);

        form.keyProperty().set("sk-good");
        assertThat(form.keyErrorProperty().get()).isEmpty();
        providers.save().join();
        assertThat(form.modeProperty().get()).isEqualTo(ProviderFormViewModel.Mode.CLOSED);
        assertThat(item("Team endpoint").status()).isEqualTo(new ProvidersViewModel.Status(State.OK,
                "Reachable: 7 models, 4 of them chat models."));
        assertThat(providers.noteProperty().get().text()).as("its models come once the key is right")
                .isEqualTo("Saved Team endpoint. Added 4 chat models from Team endpoint; 3 are switched on. Left"
                        + " out 3 models that are not chat models.");

        providers.edit(item("Team endpoint"));
        assertThat(form.keyProperty().get()).as("the key is never shown").isEmpty();
        form.urlProperty().set("ftp://nope");
        providers.save().join();
        assertThat(form.urlErrorProperty().get()).startsWith("The base URL must be an http:// or https://");
        assertThat(form.focusProperty().get()).isEqualTo(Field.URL);
        form.urlProperty().set("http://127.0.0.1:9/v1");
        providers.save().join();
        assertThat(form.urlErrorProperty().get()).startsWith("Nothing answers at http://127.0.0.1:9/v1.");
        form.urlProperty().set(team.baseUrl());
        form.nameProperty().set("Scripted");
        providers.save().join();
        assertThat(form.nameErrorProperty().get()).isEqualTo("There is already a provider named Scripted.");
        form.nameProperty().set("Team");
        form.removeKeyProperty().set(true);
        providers.save().join();
        assertThat(item("Team").provider().hasApiKey()).isFalse();
        assertThat(form.keyErrorProperty().get()).isEqualTo("The provider needs an API key (401).");
        assertThat(row("gpt-4o").provider()).as("its models follow the new name").isEqualTo("Team");
        providers.cancelEdit();

        providers.test(item("Scripted")).join();
        assertThat(item("Scripted").status().state()).isEqualTo(State.OK);

        models.makeDefault(row("gpt-4o")).join();
        providers.askRemove(item("Team"));
        assertThat(providers.removalProperty().get().message()).isEqualTo("Remove Team and its 4 models? Runs"
                + " already made keep their answers.");
        providers.confirmRemove().join();
        ProvidersViewModel.Removal refused = providers.removalProperty().get();
        assertThat(refused.phase()).isEqualTo(ProvidersViewModel.Removal.Phase.REFUSED);
        assertThat(refused.message()).isEqualTo("Team can't be removed while its model gpt-4o is the default for"
                + " Auto. Make another model the default first.");
        providers.cancelRemove();
        models.makeDefault(row("Acme Private")).join();
        providers.askRemove(item("Team"));
        providers.confirmRemove().join();
        assertThat(providers.removalProperty().get()).isNull();
        assertThat(providers.noteProperty().get().text()).isEqualTo("Removed Team and its 4 models.");
        assertThat(providers.items()).extracting(i -> i.provider().name()).doesNotContain("Team");
        assertThat(models.rows()).extracting(ModelsViewModel.ModelRow::name).doesNotContain("gpt-4o");
    }

    @Test
    void theFirstRealModelTakesAutoOverFromTheDemoAndUndoGivesItBack() {
        server.owner().post("/models", Map.of("name", "Demo (scripted, offline)", "is_default", true, "providers",
                List.of(Map.of("provider", "demo", "provider_model_id", "demo-scripted"))));
        addTeam("sk-good");
        assertThat(models.noteProperty().get()).isEqualTo(Note.success("gpt-4o is now the default for Auto."));
        assertThat(models.canUndoProperty().get()).isTrue();
        assertThat(row("gpt-4o").isDefault()).isTrue();
        assertThat(server.owner().get("/models?limit=100").json().get("models").findValuesAsText("name"))
                .contains("gpt-4o");

        models.undo().join();
        assertThat(models.canUndoProperty().get()).isFalse();
        assertThat(models.noteProperty().get().text()).isEqualTo("Demo (scripted, offline) is the default for Auto"
                + " again.");
        assertThat(row("gpt-4o").isDefault()).isFalse();
        assertThat(models.rows()).filteredOn(m -> m.isDefault() && m.editable())
                .extracting(ModelsViewModel.ModelRow::name).containsExactly("Demo (scripted, offline)");
    }

    @Test
    void aRunsRejectedKeyOpensItsProvidersFormWithTheKeyField() {
        addTeam("sk-good");
        String model = row("gpt-4o").id();
        settings.editProviderOf(model).join();
        assertThat(form.modeProperty().get()).isEqualTo(ProviderFormViewModel.Mode.EDIT);
        assertThat(form.editing().name()).isEqualTo("Team endpoint");
        assertThat(form.focusProperty().get()).isEqualTo(Field.KEY);
        assertThat(form.keyErrorProperty().get()).startsWith("The provider rejected this key.");

        settings.editProviderOf(TestServer.MODEL_A).join();
        assertThat(providers.noteProperty().get().text()).isEqualTo("Scripted comes from the server's configuration"
                + " file; change its API key there.");
    }

    @Test
    void starsFollowThePickerAndThemeFavouritesAndRecentsAreSaved() {
        settings.reload().join();
        ModelsViewModel.ModelRow a = row("Model A");
        assertThat(a.favourite()).isFalse();
        picker.toggleFavourite(a.id());
        assertThat(row("Model A").favourite()).as("a star set in the picker shows at once").isTrue();
        models.toggleFavourite(row("Model A"));
        assertThat(row("Model A").favourite()).isFalse();

        store.save(DesktopSettings.defaults().withTheme(DesktopSettings.Theme.DARK)
                .withPicker(List.of(TestServer.MODEL_B), List.of(TestServer.MODEL_A)));
        settings.loadSaved().join();
        assertThat(settings.appearance().themeProperty().get()).isEqualTo(DesktopSettings.Theme.DARK);
        assertThat(picker.favouriteIds()).containsExactly(TestServer.MODEL_B);
        assertThat(row("Model B").favourite()).isTrue();
        assertThat(picker.recentIds()).containsExactly(TestServer.MODEL_A);

        settings.appearance().themeProperty().set(DesktopSettings.Theme.LIGHT);
        picker.toggleFavourite(TestServer.MODEL_A);
        DesktopSettings saved = store.load();
        assertThat(saved.theme()).isEqualTo(DesktopSettings.Theme.LIGHT);
        assertThat(saved.favourites()).containsExactly(TestServer.MODEL_B, TestServer.MODEL_A);
    }

    @Test
    void aBadEndpointIsSaidUnderItsFieldAndTheFormIsKept() {
        providers.startAdd();
        form.urlProperty().set("ftp://nope");
        providers.save().join();
        assertThat(form.nameErrorProperty().get()).isEqualTo("Give the provider a name.");
        assertThat(form.urlErrorProperty().get()).startsWith("The base URL must be an http:// or https://");
        assertThat(form.focusProperty().get()).isEqualTo(Field.NAME);
        assertThat(form.urlProperty().get()).isEqualTo("ftp://nope");
        assertThat(server.owner().get("/providers").json()).as("nothing was sent").hasSize(2);
        form.nameProperty().set("Gone");
        form.urlProperty().set("http://127.0.0.1:9/v1");
        providers.save().join();
        assertThat(form.modeProperty().get()).isEqualTo(ProviderFormViewModel.Mode.EDIT);
        assertThat(form.urlErrorProperty().get()).startsWith("Nothing answers at http://127.0.0.1:9/v1.");
        assertThat(providers.noteProperty().get().text()).isEqualTo("Gone was added, but its models could not be"
                + " listed.");
    }
}

package dev.builderdesk.ui.settings;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.protocol.Provider;
import dev.builderdesk.protocol.ProviderRequest;
import dev.builderdesk.ui.fx.Failures;
import dev.builderdesk.ui.picker.ModelChoice;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Settings page: the connection (embedded or remote, with "Test connection" and Apply), the providers and chat
 * models of the connected server (add an OpenAI-compatible endpoint and discover its models, activate, make
 * default, favourite), the theme, and the data and logs folders. Every change is saved at once.
 */
public final class SettingsViewModel {
    /** A chat model as the Models page lists it; {@code editable} is false for models of the server's config. */
    public record ModelRow(String id, String name, String provider, boolean active, boolean isDefault,
            boolean favourite, boolean editable) {
    }

    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final DesktopEnvironment env;
    private final ModelPickerViewModel picker;
    private final ObjectProperty<DesktopSettings.Mode> mode = new SimpleObjectProperty<>(DesktopSettings.Mode.EMBEDDED);
    private final StringProperty remoteUrl = new SimpleStringProperty("");
    private final StringProperty remoteToken = new SimpleStringProperty("");
    private final StringProperty remoteTenant = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper connectionResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper connectionOk = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<DesktopSettings.Theme> theme =
            new SimpleObjectProperty<>(DesktopSettings.Theme.SYSTEM);
    private final ObservableList<Provider> providers = FXCollections.observableArrayList();
    private final ObservableList<ModelRow> models = FXCollections.observableArrayList();
    private final StringProperty newProviderName = new SimpleStringProperty("");
    private final StringProperty newProviderUrl = new SimpleStringProperty("");
    private final StringProperty newProviderKey = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper modelsMessage = new ReadOnlyStringWrapper("");
    private Runnable modelsChanged = () -> { };
    private DesktopSettings saved = DesktopSettings.defaults();

    public SettingsViewModel(RunApiClient client, Executor ui, Executor io, DesktopEnvironment env,
            ModelPickerViewModel picker) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        this.env = env;
        this.picker = picker;
        theme.addListener((obs, old, now) -> {
            if (now != saved.theme()) {
                save(saved.withTheme(now));
            }
        });
    }

    /** Reads the saved settings (theme, connection fields, the picker's favourites and recents). */
    public CompletableFuture<DesktopSettings> loadSaved() {
        return CompletableFuture.supplyAsync(env.store()::load, io).thenApplyAsync(s -> {
            saved = s;
            mode.set(s.mode());
            remoteUrl.set(s.remoteUrl());
            remoteToken.set(s.remoteToken());
            remoteTenant.set(s.remoteTenant());
            theme.set(s.theme());
            picker.restore(s.favourites(), s.recent());
            picker.onFavouritesOrRecentChanged(() -> save(saved.withPicker(picker.favouriteIds(),
                    picker.recentIds())));
            return s;
        }, ui);
    }

    /** Told after models were added, activated or deactivated (the picker reloads). */
    public void onModelsChanged(Runnable action) {
        this.modelsChanged = action;
    }

    public ObjectProperty<DesktopSettings.Mode> modeProperty() {
        return mode;
    }

    public StringProperty remoteUrlProperty() {
        return remoteUrl;
    }

    public StringProperty remoteTokenProperty() {
        return remoteToken;
    }

    public StringProperty remoteTenantProperty() {
        return remoteTenant;
    }

    public ReadOnlyStringProperty connectionResultProperty() {
        return connectionResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectionOkProperty() {
        return connectionOk.getReadOnlyProperty();
    }

    public ObjectProperty<DesktopSettings.Theme> themeProperty() {
        return theme;
    }

    public ObservableList<Provider> providers() {
        return providers;
    }

    public ObservableList<ModelRow> models() {
        return models;
    }

    public StringProperty newProviderNameProperty() {
        return newProviderName;
    }

    public StringProperty newProviderUrlProperty() {
        return newProviderUrl;
    }

    public StringProperty newProviderKeyProperty() {
        return newProviderKey;
    }

    /** The outcome of the last action on the Models page. */
    public ReadOnlyStringProperty modelsMessageProperty() {
        return modelsMessage.getReadOnlyProperty();
    }

    public String dataDir() {
        return env.dataDir();
    }

    public String logsDir() {
        return env.logsDir();
    }

    /**
     * Test connection: asks the server named by the fields (or the embedded one) for its health and its chat
     * models with the token, so a wrong URL and a rejected token read differently.
     */
    public CompletableFuture<Void> testConnection() {
        connectionResult.set("Testing…");
        connectionOk.set(false);
        boolean embedded = mode.get() == DesktopSettings.Mode.EMBEDDED;
        return CompletableFuture.supplyAsync(() -> {
            RunApiClient target = embedded ? client : env.connector().apply(remoteConnection());
            String version = target.health().version();
            int count = target.listModels(Model.CHAT, true, 0, 500).models().size();
            return "Connected to " + target.connection().baseUrl() + " (version " + version + "): " + count
                    + " active chat model" + (count == 1 ? "" : "s") + ".";
        }, io).handleAsync((text, failure) -> {
            Throwable cause = failure == null ? null : Failures.cause(failure);
            connectionOk.set(cause == null);
            connectionResult.set(cause == null ? text : "Failed: " + Failures.message(cause));
            return null;
        }, ui);
    }

    /** Apply: saves the connection and asks the app to reconnect the window to it. */
    public void applyConnection() {
        String url = remoteUrl.get().strip();
        if (mode.get() == DesktopSettings.Mode.REMOTE && !url.matches("(?i)https?://\\S+")) {
            connectionOk.set(false);
            connectionResult.set("Failed: the base URL must start with http:// or https://");
            return;
        }
        DesktopSettings next = saved.withConnection(mode.get(), remoteUrl.get().strip(), remoteToken.get().strip(),
                remoteTenant.get().strip());
        save(next).thenRunAsync(() -> env.reconnect().accept(next), ui);
    }

    private ServerConnection remoteConnection() {
        ServerConnection c = ServerConnection.of(remoteUrl.get().strip(), remoteToken.get().strip());
        return remoteTenant.get().isBlank() ? c : c.withTenant(remoteTenant.get().strip());
    }

    /** Loads the providers and every chat model (active or not) of the connected server. */
    public CompletableFuture<Void> reloadModels() {
        record Loaded(List<Provider> providers, List<Model> models) {
        }
        return CompletableFuture.supplyAsync(() -> new Loaded(client.listProviders(), allChatModels()), io)
                .handleAsync((loaded, failure) -> {
                    if (failure != null) {
                        modelsMessage.set("Cannot list models: " + Failures.message(failure));
                        return null;
                    }
                    providers.setAll(loaded.providers());
                    models.setAll(loaded.models().stream().map(this::row).toList());
                    return null;
                }, ui);
    }

    /** Active and inactive chat models by name: the API lists one or the other (active when not asked). */
    private List<Model> allChatModels() {
        List<Model> all = new ArrayList<>(client.listModels(Model.CHAT, true, 0, 1000).models());
        all.addAll(client.listModels(Model.CHAT, false, 0, 1000).models());
        all.sort(Comparator.comparing(Model::name).thenComparing(Model::id));
        return all;
    }

    private ModelRow row(Model m) {
        ModelChoice choice = ModelChoice.of(m);
        return new ModelRow(m.id(), m.name(), choice.provider(), m.isActive(), m.isDefault(),
                picker.isFavourite(m.id()), m.tenantId() != null);
    }

    /**
     * Adds an OpenAI-compatible endpoint, discovers its models and adds each as an active chat model served by it.
     * The fields are cleared only when the endpoint was added.
     */
    public CompletableFuture<Void> addProvider() {
        String name = newProviderName.get().strip();
        String url = newProviderUrl.get().strip();
        String key = newProviderKey.get().strip();
        modelsMessage.set("Adding " + name + "…");
        return CompletableFuture.supplyAsync(() -> {
            Provider p = client.createProvider(new ProviderRequest(name, Provider.OPENAI_COMPATIBLE, url,
                    key.isEmpty() ? null : key, null, true));
            return "Added " + p.name() + ". " + discoverInto(p);
        }, io).handleAsync((text, failure) -> {
            if (failure != null) {
                modelsMessage.set(Failures.message(failure));
                return null;
            }
            newProviderName.set("");
            newProviderUrl.set("");
            newProviderKey.set("");
            modelsMessage.set(text);
            changed();
            return null;
        }, ui).thenCompose(v -> reloadModels());
    }

    /** Discover models: adds the endpoint's models that are not listed yet. */
    public CompletableFuture<Void> discover(Provider provider) {
        modelsMessage.set("Asking " + provider.name() + " for its models…");
        return act(() -> discoverInto(provider));
    }

    private String discoverInto(Provider p) {
        List<String> offered = client.discoverModels(p.id()).models();
        List<Model> known = allChatModels();
        int added = 0;
        for (String id : offered) {
            boolean present = known.stream().anyMatch(m -> m.providers().stream()
                    .anyMatch(b -> b.provider().equals(p.id()) && b.providerModelId().equals(id)));
            if (!present) {
                client.createModel(Map.of("name", id, "capability_type", Model.CHAT, "is_active", true,
                        "metadata", Map.of("provider_label", p.name()),
                        "providers", List.of(Map.of("provider", p.id(), "provider_model_id", id))));
                added++;
            }
        }
        return offered.size() + " model" + (offered.size() == 1 ? "" : "s") + " offered, " + added + " added.";
    }

    public CompletableFuture<Void> setActive(ModelRow row, boolean active) {
        return act(() -> {
            client.updateModel(row.id(), Map.of("is_active", active));
            return row.name() + (active ? " is active." : " is no longer offered in the picker.");
        });
    }

    public CompletableFuture<Void> makeDefault(ModelRow row) {
        return act(() -> {
            client.updateModel(row.id(), Map.of("is_default", true));
            return row.name() + " is now what Auto picks.";
        });
    }

    public void toggleFavourite(ModelRow row) {
        picker.toggleFavourite(row.id());
        models.replaceAll(r -> r.id().equals(row.id()) ? new ModelRow(r.id(), r.name(), r.provider(), r.active(),
                r.isDefault(), picker.isFavourite(r.id()), r.editable()) : r);
    }

    private CompletableFuture<Void> act(java.util.function.Supplier<String> work) {
        return CompletableFuture.supplyAsync(work, io).handleAsync((text, failure) -> {
            modelsMessage.set(failure == null ? text : Failures.message(failure));
            if (failure == null) {
                changed();
            }
            return null;
        }, ui).thenCompose(v -> reloadModels());
    }

    private void changed() {
        modelsChanged.run();
    }

    private CompletableFuture<Void> save(DesktopSettings next) {
        saved = next;
        return CompletableFuture.runAsync(() -> env.store().save(next), io);
    }
}

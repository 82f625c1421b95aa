package dev.builderdesk.ui.settings;

import dev.builderdesk.client.ClientException;
import dev.builderdesk.client.Errors;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.ui.fx.Failures;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Settings: one child view model per page — {@link ConnectionSettingsViewModel}, {@link ProvidersViewModel} and
 * {@link ModelsViewModel} (the Models page), {@link AppSettingsViewModel}, {@link AppearanceSettingsViewModel},
 * {@link FoldersSettingsViewModel}.
 * This one reads the saved settings for them and loads the Models page's catalogue (providers and every chat
 * model) for both of its halves. Every change is saved at once.
 */
public final class SettingsViewModel {
    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final ModelPickerViewModel picker;
    private final SavedSettings saved;
    private final ConnectionSettingsViewModel connection;
    private final ProvidersViewModel providers;
    private final ModelsViewModel models;
    private final AppSettingsViewModel app;
    private final AppearanceSettingsViewModel appearance;
    private final FoldersSettingsViewModel folders;
    private Runnable modelsChanged = () -> { };
    private long loadsAsked;
    private long loadShown;

    public SettingsViewModel(RunApiClient client, Executor ui, Executor io, DesktopEnvironment env,
            ModelPickerViewModel picker) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        this.picker = picker;
        this.saved = new SavedSettings(env.store(), io);
        this.connection = new ConnectionSettingsViewModel(client, ui, io, env, saved);
        this.providers = new ProvidersViewModel(client, ui, io, this::changed);
        this.models = new ModelsViewModel(client, ui, io, picker, this::changed);
        this.app = new AppSettingsViewModel(client, ui, io);
        this.appearance = new AppearanceSettingsViewModel(saved);
        this.folders = new FoldersSettingsViewModel(env);
        providers.onModelsAdded(models::takeOverAuto);
    }

    public ConnectionSettingsViewModel connection() {
        return connection;
    }

    public ProvidersViewModel providers() {
        return providers;
    }

    public ModelsViewModel models() {
        return models;
    }

    public AppSettingsViewModel app() {
        return app;
    }

    public AppearanceSettingsViewModel appearance() {
        return appearance;
    }

    public FoldersSettingsViewModel folders() {
        return folders;
    }

    /** Reads the saved settings (theme, connection fields, the picker's favourites and recents). */
    public CompletableFuture<DesktopSettings> loadSaved() {
        return saved.load(ui).thenApply(s -> {
            connection.restore(s);
            appearance.restore(s);
            picker.restore(s.favourites(), s.recent());
            picker.onFavouritesOrRecentChanged(() -> saved.update(x -> x.withPicker(picker.favouriteIds(),
                    picker.recentIds())));
            return s;
        });
    }

    /**
     * Remembers the app and thread the window shows (thread null: a new thread) so that a relaunch reopens them.
     * Saved through the same copy as the other settings, so neither overwrites the other; ignored until the saved
     * settings have been read.
     */
    public void rememberThread(String appId, String threadId) {
        DesktopSettings s = saved.current();
        if (saved.loaded() && !(java.util.Objects.equals(appId, s.lastAppId())
                && java.util.Objects.equals(threadId, s.lastThreadId()))) {
            saved.update(x -> x.withLastThread(appId, threadId));
        }
    }

    /** Told after models were added, removed, switched on or off, or made default (the picker reloads). */
    public void onModelsChanged(Runnable action) {
        this.modelsChanged = action;
    }

    /**
     * Loads the providers and every chat model (active or not) of the connected server into the Models page. A
     * server without the providers routes (the original platform) still shows its models.
     */
    public CompletableFuture<Void> reload() {
        record Loaded(Catalogue catalogue, Throwable providersFailure) {
        }
        long load = ++loadsAsked;
        return CompletableFuture.supplyAsync(() -> {
            List<Model> all = allChatModels();
            try {
                return new Loaded(new Catalogue(client.listProviders(), all), null);
            } catch (ClientException e) {
                return new Loaded(new Catalogue(List.of(), all), e);
            }
        }, io).handleAsync((loaded, failure) -> {
            // Loads overlap (an action and a tab change): an older answer never replaces a newer one.
            if (load < loadShown) {
                return null;
            }
            loadShown = load;
            Catalogue catalogue = failure == null ? loaded.catalogue() : Catalogue.EMPTY;
            providers.show(catalogue);
            models.show(catalogue);
            Throwable problem = failure != null ? Failures.cause(failure) : loaded.providersFailure();
            if (problem != null) {
                providers.failedToLoad(problem instanceof Errors.NotFoundException
                        ? "This server does not let the app manage its providers." : "Cannot list the providers. "
                        + UserMessages.of(problem));
            }
            return null;
        }, ui);
    }

    /** The Models page opened where a run's rejected key is fixed: the edit form of the model's provider. */
    public CompletableFuture<Void> editProviderOf(String modelId) {
        return providers.editProviderOf(modelId);
    }

    private CompletableFuture<Void> changed() {
        modelsChanged.run();
        return reload();
    }

    /** Active and inactive chat models by name: the API lists one or the other (active when not asked). */
    private List<Model> allChatModels() {
        List<Model> all = new ArrayList<>(client.listModels(Model.CHAT, true, 0, 1000).models());
        all.addAll(client.listModels(Model.CHAT, false, 0, 1000).models());
        all.sort(Comparator.comparing(Model::name).thenComparing(Model::id));
        return all;
    }
}

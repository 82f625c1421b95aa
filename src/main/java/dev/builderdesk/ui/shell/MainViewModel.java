package dev.builderdesk.ui.shell;

import dev.builderdesk.client.Errors;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.ChatSession;
import dev.builderdesk.protocol.ChatSessionDetail;
import dev.builderdesk.protocol.CreateAppRequest;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.protocol.Provider;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.ui.composer.ComposerViewModel;
import dev.builderdesk.ui.composer.Problem;
import dev.builderdesk.ui.files.FilesViewModel;
import dev.builderdesk.ui.fx.Failures;
import dev.builderdesk.ui.inspector.InspectorViewModel;
import dev.builderdesk.ui.picker.AutoResolution;
import dev.builderdesk.ui.picker.ModelChoice;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import dev.builderdesk.ui.settings.DesktopEnvironment;
import dev.builderdesk.ui.settings.SettingsViewModel;
import dev.builderdesk.ui.timeline.TimelineViewModel;
import java.util.HashMap;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's state: the connection status line, the apps and threads of the left rail and the selected
 * ones, whether Settings is open, and the child view models (timeline, composer, picker, inspector, settings).
 * Loading asks the server for apps and active chat models; with no app yet it creates one from the Vite + React
 * template so the first prompt can go out at once.
 */
public final class MainViewModel implements AutoCloseable {
    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Starting…");
    private final ObservableList<App> apps = FXCollections.observableArrayList();
    private final ObjectProperty<App> selectedApp = new SimpleObjectProperty<>();
    private final TimelineViewModel timeline = new TimelineViewModel();
    private final ModelPickerViewModel picker = new ModelPickerViewModel();
    private final ComposerViewModel composer;
    private final InspectorViewModel inspector;
    private final ObservableList<ChatSession> threads = FXCollections.observableArrayList();
    private final ObjectProperty<ChatSession> selectedThread = new SimpleObjectProperty<>();
    private final Map<String, ModelChoice> selectionByThread = new HashMap<>();
    private final DesktopEnvironment env;
    private final SettingsViewModel settings;
    private final FilesViewModel files;
    private final ReadOnlyStringWrapper settingsPage = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper onlyDemoModel = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper appsMessage = new ReadOnlyStringWrapper("");

    public MainViewModel(RunApiClient client, Executor ui, Executor io) {
        this(client, ui, io, DesktopEnvironment.detached(connection -> {
            throw new IllegalStateException("No other connections in this window");
        }));
    }

    public MainViewModel(RunApiClient client, Executor ui, Executor io, DesktopEnvironment env) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        this.env = env;
        this.composer = new ComposerViewModel(client, ui, io, timeline, picker);
        this.inspector = new InspectorViewModel(client, ui, io);
        this.settings = new SettingsViewModel(client, ui, io, env, picker);
        settings.onModelsChanged(this::reloadModels);
        composer.onOpenSettings(fix -> openSettings(fix == Problem.Fix.CONNECTION_SETTINGS ? "connection"
                : "models"));
        composer.onRunChanged(runId -> inspector.show(composer.appIdProperty().get(), runId));
        inspector.onRetry(composer::retry);
        inspector.onResume(composer::resume);
        timeline.onRunSelected(runId -> inspector.show(composer.appIdProperty().get(), runId));
        this.files = new FilesViewModel(client, ui, io);
        inspector.onReverted(() -> {
            composer.refreshBase();
            files.load(composer.appIdProperty().get());
        });
        // The file marks follow the run this window just ran (the inspector has fetched it anyway), not an older
        // run the user clicks to inspect: its changes are not what the draft differs by now.
        inspector.runProperty().addListener((obs, old, run) -> {
            if (run != null && run.resultRevisionId() != null && run.runId().equals(composer.currentRunId())) {
                files.showRunChanges(composer.appIdProperty().get(), run.baseRevisionId(), run.resultRevisionId());
            }
        });
        selectedApp.addListener((obs, old, app) -> {
            composer.appIdProperty().set(app == null ? null : app.id());
            composer.newThread();
            composer.refreshBase();
            files.load(app == null ? null : app.id());
            inspector.show(null, null);
            selectedThread.set(null);
            refreshThreads();
        });
        // The selection belongs to the thread it was made in, and a run that starts a thread lists it.
        picker.selectedProperty().addListener((obs, old, choice) -> {
            String session = composer.sessionIdProperty().get();
            if (session != null) {
                selectionByThread.put(session, choice);
            }
        });
        composer.sessionIdProperty().addListener((obs, old, session) -> {
            if (session != null && threads.stream().noneMatch(t -> t.id().equals(session))) {
                selectionByThread.put(session, picker.selectedProperty().get());
                refreshThreads();
            }
        });
    }

    public ObservableList<ChatSession> threads() {
        return threads;
    }

    public ObjectProperty<ChatSession> selectedThreadProperty() {
        return selectedThread;
    }

    /** Starts a new thread; the model selection stays as it is. */
    public void newThread() {
        selectedThread.set(null);
        composer.newThread();
        inspector.show(null, null);
    }

    /**
     * Reopens a thread: its turns, and the model it was using — the one chosen in it during this session, else
     * what its last run asked for (null = Auto), so the selection survives a restart and never silently reverts.
     */
    public CompletableFuture<Void> openThread(ChatSession thread) {
        App app = selectedApp.get();
        if (app == null || thread == null) {
            return CompletableFuture.completedFuture(null);
        }
        record Opened(ChatSessionDetail detail, List<Run> runs) {
        }
        return CompletableFuture.supplyAsync(() -> new Opened(client.chatSession(app.id(), thread.id()),
                client.listRuns(app.id(), 1, null, thread.id())), io).thenAcceptAsync(opened -> {
                    selectedThread.set(thread);
                    composer.openThread(thread.id());
                    timeline.history(opened.detail().messages());
                    ModelChoice remembered = selectionByThread.get(thread.id());
                    if (remembered == null) {
                        remembered = opened.runs().isEmpty() ? ModelChoice.AUTO
                                : picker.choiceAskedBy(opened.runs().get(0));
                    }
                    picker.selectedProperty().set(remembered);
                    inspector.show(app.id(), opened.runs().isEmpty() ? null : opened.runs().get(0).runId());
                }, ui);
    }

    private void refreshThreads() {
        App app = selectedApp.get();
        if (app == null) {
            threads.clear();
            return;
        }
        CompletableFuture.supplyAsync(() -> client.chatSessions(app.id(), 50), io).thenAcceptAsync(list -> {
            threads.setAll(list);
            String current = composer.sessionIdProperty().get();
            list.stream().filter(t -> t.id().equals(current)).findFirst().ifPresent(selectedThread::set);
        }, ui);
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObservableList<App> apps() {
        return apps;
    }

    public ObjectProperty<App> selectedAppProperty() {
        return selectedApp;
    }

    public TimelineViewModel timeline() {
        return timeline;
    }

    public ModelPickerViewModel picker() {
        return picker;
    }

    public InspectorViewModel inspector() {
        return inspector;
    }

    public ComposerViewModel composer() {
        return composer;
    }

    public FilesViewModel files() {
        return files;
    }

    public SettingsViewModel settings() {
        return settings;
    }

    /** The settings tab shown over the workspace, or null when Settings is closed. */
    public ReadOnlyStringProperty settingsPageProperty() {
        return settingsPage.getReadOnlyProperty();
    }

    /** Opens Settings at {@code page} ({@code connection}, {@code models}, {@code appearance}, {@code folders}). */
    public void openSettings(String page) {
        settingsPage.set(page);
    }

    public void closeSettings() {
        settingsPage.set(null);
    }

    /** Why the last app could not be created; empty when it could. */
    public ReadOnlyStringProperty appsMessageProperty() {
        return appsMessage.getReadOnlyProperty();
    }

    /**
     * Creates an app — from a template ({@code vite-react}, {@code empty}) or by adopting an existing folder (the
     * embedded server reads it; a remote server cannot) — and opens it.
     */
    public CompletableFuture<Void> createApp(String name, String template, String folder) {
        appsMessage.set("");
        record Created(App app, List<App> all) {
        }
        return CompletableFuture.supplyAsync(() -> {
            App app = client.createApp(new CreateAppRequest(name, template, folder));
            return new Created(app, client.listApps());
        }, io).handleAsync((created, failure) -> {
            if (failure != null) {
                appsMessage.set("Could not create the app: " + Failures.message(failure));
                return null;
            }
            apps.setAll(created.all());
            created.all().stream().filter(a -> a.id().equals(created.app().id())).findFirst()
                    .ifPresent(selectedApp::set);
            return null;
        }, ui);
    }

    /** Reloads the picker's models (after Settings changed them); the selection stays as it is. */
    public CompletableFuture<Void> reloadModels() {
        return CompletableFuture.supplyAsync(this::activeChatModels, io).thenAcceptAsync(this::showModels, ui);
    }

    private List<Model> activeChatModels() {
        return client.listModels(Model.CHAT, true, 0, 500).models();
    }

    private void showModels(List<Model> models) {
        picker.setModels(models.stream().filter(Model::isActive).map(ModelChoice::of).toList());
        picker.setAutoTarget(AutoResolution.resolve(models).map(Model::name).orElse(null));
        List<Model> active = models.stream().filter(Model::isActive).toList();
        onlyDemoModel.set(!active.isEmpty() && active.stream().allMatch(m -> m.providers().stream()
                .allMatch(b -> b.provider().equals(Provider.DEMO))));
    }

    /** Whether the demo model is all there is (first run without a local model server): the welcome shows. */
    public ReadOnlyBooleanProperty onlyDemoModelProperty() {
        return onlyDemoModel.getReadOnlyProperty();
    }

    /** Whether the last load reached the server (the top bar shows the status in green). */
    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    /** Loads apps and models from the server. */
    public CompletableFuture<Void> load() {
        status.set("Connecting to " + client.connection().baseUrl() + "…");
        settings.loadSaved();
        record Loaded(List<App> apps, List<Model> models) {
        }
        return CompletableFuture.supplyAsync(() -> {
            List<App> list = client.listApps();
            if (list.isEmpty()) {
                client.createApp(new CreateAppRequest("My app", "vite-react", null));
                list = client.listApps();
            }
            return new Loaded(list, activeChatModels());
        }, io).handleAsync((loaded, failure) -> {
            if (failure != null) {
                Throwable cause = Failures.cause(failure);
                status.set("Cannot reach the run server: " + cause.getMessage());
                if (cause instanceof Errors.UnauthorizedException || cause instanceof Errors.ForbiddenException) {
                    openSettings("connection");
                }
                return null;
            }
            apps.setAll(loaded.apps());
            showModels(loaded.models());
            if (selectedApp.get() == null && !apps.isEmpty()) {
                selectedApp.set(apps.get(0));
            }
            status.set(env.embedded() ? "Connected · embedded server" : "Connected · " + client.connection().baseUrl());
            connected.set(true);
            return null;
        }, ui);
    }

    @Override
    public void close() {
        composer.close();
    }
}

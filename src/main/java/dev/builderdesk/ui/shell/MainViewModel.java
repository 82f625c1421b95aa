package dev.builderdesk.ui.shell;

import dev.builderdesk.client.ClientException;
import dev.builderdesk.client.Errors;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.ChatSession;
import dev.builderdesk.protocol.CompareGroup;
import dev.builderdesk.protocol.CreateAppRequest;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.protocol.Provider;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.ui.composer.ComposerViewModel;
import dev.builderdesk.ui.composer.Problem;
import dev.builderdesk.ui.diff.DiffViewModel;
import dev.builderdesk.ui.diff.FileViewerModel;
import dev.builderdesk.ui.files.FilesViewModel;
import dev.builderdesk.ui.fx.Failures;
import dev.builderdesk.ui.inspector.InspectorViewModel;
import dev.builderdesk.ui.picker.AutoResolution;
import dev.builderdesk.ui.compare.CompareViewModel;
import dev.builderdesk.ui.compare.ComparisonsViewModel;
import dev.builderdesk.ui.compare.LeaderboardViewModel;
import dev.builderdesk.ui.picker.ModelChoice;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import dev.builderdesk.ui.settings.DesktopEnvironment;
import dev.builderdesk.ui.settings.DesktopSettings;
import dev.builderdesk.ui.settings.SettingsPage;
import dev.builderdesk.ui.settings.SettingsViewModel;
import dev.builderdesk.ui.threads.ThreadsViewModel;
import dev.builderdesk.ui.timeline.RevertViewModel;
import dev.builderdesk.ui.timeline.ThreadViewModel;
import dev.builderdesk.ui.timeline.TimelineViewModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
    private final ConnectionStatus connection;
    private final ObservableList<App> apps = FXCollections.observableArrayList();
    private final ObjectProperty<App> selectedApp = new SimpleObjectProperty<>();
    private final ThreadViewModel thread;
    private final RevertViewModel revert;
    private final ReadOnlyObjectWrapper<Run> changes = new ReadOnlyObjectWrapper<>();
    private final DiffViewModel diff;
    private final FileViewerModel fileViewer;
    private final ReadOnlyBooleanWrapper fileOpen = new ReadOnlyBooleanWrapper();
    private final ModelPickerViewModel picker = new ModelPickerViewModel();
    private final ComposerViewModel composer;
    private final InspectorViewModel inspector;
    private final ThreadsViewModel threadList;
    private final ObservableList<ChatSession> threads;
    private final ObjectProperty<ChatSession> selectedThread;
    private final ReadOnlyStringWrapper workspaceTitle = new ReadOnlyStringWrapper("");
    private final Map<String, ModelChoice> selectionByThread = new HashMap<>();
    private final DesktopEnvironment env;
    private final SettingsViewModel settings;
    private final FilesViewModel files;
    private final ReadOnlyObjectWrapper<SettingsPage> settingsPage = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper onlyDemoModel = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper appsMessage = new ReadOnlyStringWrapper("");
    private final CompareViewModel compare;
    private final ComparisonsViewModel comparisons;
    private final LeaderboardViewModel leaderboard;
    private final ReadOnlyBooleanWrapper compareOpen = new ReadOnlyBooleanWrapper();

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
        this.thread = new ThreadViewModel(client, ui, io);
        this.connection = new ConnectionStatus(client, ui, io, env.embedded() ? "embedded server"
                : client.connection().baseUrl().replaceFirst("^https?://", "").replaceFirst("/$", ""));
        thread.reconnectAttemptProperty().subscribe(attempt -> {
            if (attempt.intValue() > 0) {
                connection.streamReconnecting(attempt.intValue());
            }
        });
        this.composer = new ComposerViewModel(client, ui, io, thread, picker);
        this.threadList = new ThreadsViewModel(client, ui, io, env.time(), new ThreadsViewModel.Host() {
            @Override
            public void open(ChatSession session) {
                openThread(session);
            }

            @Override
            public void newThread() {
                MainViewModel.this.newThread();
            }

            @Override
            public String shownId() {
                return thread.sessionIdProperty().get();
            }

            @Override
            public boolean running() {
                return thread.runningProperty().get();
            }
        });
        this.threads = threadList.threads();
        this.selectedThread = threadList.selectedProperty();
        this.inspector = new InspectorViewModel(client, ui, io);
        this.settings = new SettingsViewModel(client, ui, io, env, picker);
        settings.onModelsChanged(this::reloadModels);
        picker.onOpenSettings(() -> openSettings(SettingsPage.MODELS));
        // Back after an outage: what the window could not load, it loads now; what it shows, it refreshes.
        connection.onBack(() -> {
            if (apps.isEmpty()) {
                load();
            } else {
                reloadModels();
                inspector.reload();
                threadList.refresh();
            }
        });
        composer.onOpenSettings(this::openSettingsFor);
        thread.onRunChanged(runId -> inspector.show(composer.appIdProperty().get(), runId));
        inspector.onRetry(composer::retry);
        // The inspected run's turn is highlighted in the timeline.
        thread.timeline().inspectedRunIdProperty().bind(inspector.inspectedRunIdProperty());
        // While the server does not answer, the inspector does not pretend to know where a live run is.
        connection.stateProperty().subscribe(state -> inspector.markOffline(
                state == ConnectionStatus.State.RECONNECTING || state == ConnectionStatus.State.OFFLINE));
        inspector.onResume(composer::resume);
        thread.timeline().onRunSelected(runId -> inspector.show(composer.appIdProperty().get(), runId));
        this.files = new FilesViewModel(client, ui, io);
        this.diff = new DiffViewModel(client, ui, io);
        this.fileViewer = new FileViewerModel(client, ui, io);
        files.onOpen(this::openFile);
        this.revert = new RevertViewModel(client, ui, io, thread.timeline());
        inspector.onRevert(revert::ask);
        revert.messageProperty().subscribe(text -> {
            if (!text.isEmpty()) {
                inspector.note(text);
            }
        });
        revert.onDraftChanged(() -> {
            composer.refreshBase();
            files.load(composer.appIdProperty().get());
            inspector.reload();
        });
        // The file marks follow the run this window just ran (the inspector has fetched it anyway), not an older
        // run the user clicks to inspect: its changes are not what the draft differs by now.
        inspector.runProperty().addListener((obs, old, run) -> {
            if (run != null && run.resultRevisionId() != null && run.runId().equals(thread.followedRunId())) {
                files.showRunChanges(composer.appIdProperty().get(), run.baseRevisionId(), run.resultRevisionId());
            }
        });
        selectedApp.addListener((obs, old, app) -> {
            composer.appIdProperty().set(app == null ? null : app.id());
            thread.newThread(app == null ? null : app.id());
            revert.setApp(app == null ? null : app.id());
            composer.refreshBase();
            files.load(app == null ? null : app.id());
            inspector.show(null, null);
            threadList.showApp(app == null ? null : app.id());
            settings.app().select(app == null ? null : app.id());
            if (settingsPage.get() == SettingsPage.APP) {
                settings.app().reload();
            }
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
                threadList.refresh();
            }
        });
        // Step 6, threads: a run that starts or ends moves its thread's time and place; a relaunch reopens the app
        // and thread shown last; the top bar names them.
        thread.runningProperty().addListener((obs, was, now) -> threadList.refresh());
        selectedApp.addListener((obs, old, app) -> rememberShown());
        thread.sessionIdProperty().addListener((obs, old, session) -> rememberShown());
        Function<String, String> modelName = id -> picker.models().stream().filter(m -> m.id().equals(id))
                .map(ModelChoice::name).findFirst().orElse(null);
        this.compare = new CompareViewModel(client, ui, io, new CompareViewModel.Host() {
            @Override
            public void continueWith(String appId, Run attempt) {
                continueComparison(appId, attempt);
            }

            @Override
            public void draftChanged() {
                composer.refreshBase();
                files.load(composer.appIdProperty().get());
                inspector.reload();
            }

            @Override
            public void comparisonsChanged() {
                comparisons.refresh();
            }

            @Override
            public void openAppSettings() {
                openSettings(SettingsPage.APP);
            }
        }, modelName);
        settings.app().onSaved(compare::verifyChanged);
        this.comparisons = new ComparisonsViewModel(client, ui, io, modelName);
        this.leaderboard = new LeaderboardViewModel(client, ui, io, modelName);
        comparisons.onOpen(group -> {
            CompareGroup shown = compare.groupProperty().get();
            // The one already shown is shown again as it is: a verdict being written is not thrown away.
            if (shown == null || !shown.id().equals(group.id())) {
                compare.reopen(composer.appIdProperty().get(), group.id());
            }
            compareOpen.set(true);
        });
        selectedApp.addListener((obs, old, app) -> {
            closeCompare();
            comparisons.showApp(app == null ? null : app.id());
        });
        workspaceTitle.bind(Bindings.createStringBinding(() -> {
            App app = selectedApp.get();
            ChatSession shown = selectedThread.get();
            return app == null ? "" : app.name() + " · " + (shown == null ? "New thread" : shown.title());
        }, selectedApp, selectedThread));
    }

    /** The Compare screen's session (setup, columns, table, verdict). */
    public CompareViewModel compare() {
        return compare;
    }

    /** The leaderboard over every saved verdict. */
    public LeaderboardViewModel leaderboard() {
        return leaderboard;
    }

    /** The rail's comparisons of the shown app. */
    public ComparisonsViewModel comparisons() {
        return comparisons;
    }

    /** Whether the Compare screen is open over the workspace. */
    public ReadOnlyBooleanProperty compareOpenProperty() {
        return compareOpen.getReadOnlyProperty();
    }

    /**
     * Compare… (Ctrl+Shift+Enter): the composer's prompt and model start the setup of a new comparison; one that
     * is shown already (still running, or judged) is shown again instead while the prompt is the same.
     */
    public void openCompare() {
        String app = composer.appIdProperty().get();
        if (app == null) {
            return;
        }
        boolean sameSession = compare.groupProperty().get() != null && app.equals(compare.appId())
                && compare.promptProperty().get().strip().equals(composer.promptProperty().get().strip());
        if (!sameSession) {
            compare.setUp(app, composer.promptProperty().get(), picker.models(), picker.selectedProperty().get());
        }
        compareOpen.set(true);
    }

    /** Closes the Compare screen; its attempts go on on the server, and the rail lists the comparison. */
    public void closeCompare() {
        compareOpen.set(false);
    }

    /** Continue with this model: the attempt's thread, shown with the model that answered it selected. */
    private void continueComparison(String appId, Run attempt) {
        String session = attempt.chatSessionId();
        if (session == null) {
            return;
        }
        String model = attempt.resolvedModelId() != null ? attempt.resolvedModelId() : attempt.requestedModelId();
        ModelChoice choice = model == null ? ModelChoice.AUTO : picker.choiceFor(model);
        closeCompare();
        // Selected once the thread is shown: the selection is then remembered as this thread's.
        CompletableFuture.supplyAsync(() -> client.chatSession(appId, session).session(), io)
                .thenComposeAsync(this::openThread, ui).thenRunAsync(() -> {
                    if (session.equals(thread.sessionIdProperty().get())) {
                        picker.selectedProperty().set(choice);
                    }
                }, ui).exceptionally(e -> null);
    }

    /** The rail's threads: filter, rename, delete with Undo, relative times. */
    public ThreadsViewModel threadList() {
        return threadList;
    }

    /** "app · thread" for the top bar ("New thread" before the first prompt); empty before an app is shown. */
    public ReadOnlyStringProperty workspaceTitleProperty() {
        return workspaceTitle.getReadOnlyProperty();
    }

    private void rememberShown() {
        App app = selectedApp.get();
        settings.rememberThread(app == null ? null : app.id(), thread.sessionIdProperty().get());
    }

    /** The app shown last (else the first), and its thread shown last if it still exists (else null: a new one). */
    private record LastShown(App app, ChatSession thread) {
    }

    private LastShown lastShown(List<App> list, DesktopSettings saved) {
        App app = list.stream().filter(a -> a.id().equals(saved.lastAppId())).findFirst()
                .orElse(list.isEmpty() ? null : list.get(0));
        if (app == null || !app.id().equals(saved.lastAppId()) || saved.lastThreadId() == null) {
            return new LastShown(app, null);
        }
        try {
            return new LastShown(app, client.chatSession(app.id(), saved.lastThreadId()).session());
        } catch (ClientException gone) {
            return new LastShown(app, null);
        }
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
        thread.newThread(composer.appIdProperty().get());
        inspector.show(null, null);
    }

    /**
     * Reopens a thread: its turns, and the model it was using — the one chosen in it during this session, else
     * what its last run asked for (null = Auto), so the selection survives a restart and never silently reverts.
     */
    public CompletableFuture<Void> openThread(ChatSession session) {
        App app = selectedApp.get();
        if (app == null || session == null) {
            return CompletableFuture.completedFuture(null);
        }
        selectedThread.set(session);
        return thread.open(app.id(), session.id()).thenRunAsync(() -> {
            if (!session.id().equals(thread.sessionIdProperty().get())) {
                return;
            }
            Run last = thread.lastRunProperty().get();
            ModelChoice remembered = selectionByThread.get(session.id());
            if (remembered == null) {
                remembered = last == null ? ModelChoice.AUTO : picker.choiceAskedBy(last);
            }
            picker.selectedProperty().set(remembered);
            inspector.show(app.id(), last == null ? null : last.runId());
        }, ui);
    }

    /** The status item's words (see {@link #connection()}). */
    public ReadOnlyStringProperty statusProperty() {
        return connection.textProperty();
    }

    /** The window's connection state: connected, reconnecting, offline; "Retry now". */
    public ConnectionStatus connection() {
        return connection;
    }

    public ObservableList<App> apps() {
        return apps;
    }

    public ObjectProperty<App> selectedAppProperty() {
        return selectedApp;
    }

    public TimelineViewModel timeline() {
        return thread.timeline();
    }

    /** The run whose changes the diff view shows; null when it is closed. */
    public ReadOnlyObjectProperty<Run> changesProperty() {
        return changes.getReadOnlyProperty();
    }

    /** Opens the diff view of a run's changes (base → result, from the server's revision-diff route). */
    public void openChanges(Run run) {
        if (run == null || run.baseRevisionId() == null || run.resultRevisionId() == null) {
            return;
        }
        String input = run.input() == null ? "" : run.input().strip().replaceAll("\\s+", " ");
        diff.titleProperty().set("Changes of “" + (input.length() > 60 ? input.substring(0, 59) + "…" : input)
                + "”");
        diff.load(run.publishedAppId() != null ? run.publishedAppId() : composer.appIdProperty().get(),
                run.baseRevisionId(), run.resultRevisionId());
        changes.set(run);
    }

    public void closeChanges() {
        changes.set(null);
    }

    /** The diff view's state. */
    public DiffViewModel diff() {
        return diff;
    }

    /** Opens a file of the draft read-only, with the last run's changes of it one toggle away. */
    public void openFile(String path) {
        String app = composer.appIdProperty().get();
        if (app == null) {
            return;
        }
        fileViewer.open(app, path, files.revisionId(), files.lastRunDiff());
        fileOpen.set(true);
    }

    public void closeFile() {
        fileOpen.set(false);
    }

    /** Whether the file viewer is shown. */
    public ReadOnlyBooleanProperty fileOpenProperty() {
        return fileOpen.getReadOnlyProperty();
    }

    /** The file viewer's state. */
    public FileViewerModel fileViewer() {
        return fileViewer;
    }

    /** The revert confirmation, its markers and Undo. */
    public RevertViewModel revert() {
        return revert;
    }

    /** Opens a link from an answer in the system browser. */
    public void openLink(String url) {
        if (url != null && (url.startsWith("http://") || url.startsWith("https://") || url.startsWith("mailto:"))) {
            env.openLink().accept(url);
        }
    }

    /** The shown thread and the run it follows. */
    public ThreadViewModel thread() {
        return thread;
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

    /** The settings page shown over the workspace, or null when Settings is closed. */
    public ReadOnlyObjectProperty<SettingsPage> settingsPageProperty() {
        return settingsPage.getReadOnlyProperty();
    }

    public void openSettings(SettingsPage page) {
        settingsPage.set(page);
    }

    /**
     * Settings where an error's fix is: the connection for a rejected token; for a rejected provider key the edit
     * form of the provider that served the run, its key field focused; the add form for "Add a model provider".
     */
    private void openSettingsFor(Problem problem) {
        switch (problem.fix()) {
            case CONNECTION_SETTINGS -> openSettings(SettingsPage.CONNECTION);
            case PROVIDER_SETTINGS -> {
                openSettings(SettingsPage.MODELS);
                settings.editProviderOf(problem.modelId());
            }
            default -> openAddProvider();
        }
    }

    /** Settings → Models with the form for a new endpoint open. */
    public void openAddProvider() {
        openSettings(SettingsPage.MODELS);
        settings.providers().startAdd();
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

    /** Loads apps and models from the server. */
    public CompletableFuture<Void> load() {
        CompletableFuture<DesktopSettings> saved = settings.loadSaved();
        record Loaded(List<App> apps, List<Model> models, LastShown last) {
        }
        // The models and the apps (then the last thread) are asked for at once: the workspace waits for the
        // slower of the two, not their sum.
        CompletableFuture<List<Model>> models = CompletableFuture.supplyAsync(this::activeChatModels, io);
        return CompletableFuture.supplyAsync(() -> {
            List<App> list = client.listApps();
            if (list.isEmpty()) {
                client.createApp(new CreateAppRequest("My app", "vite-react", null));
                list = client.listApps();
            }
            return new Loaded(list, models.join(), lastShown(list, saved.join()));
        }, io).handleAsync((loaded, failure) -> {
            if (failure != null) {
                Throwable cause = Failures.cause(failure);
                connection.failed(failure);
                if (cause instanceof Errors.UnauthorizedException || cause instanceof Errors.ForbiddenException) {
                    openSettings(SettingsPage.CONNECTION);
                }
                return null;
            }
            apps.setAll(loaded.apps());
            showModels(loaded.models());
            if (selectedApp.get() == null && loaded.last().app() != null) {
                selectedApp.set(loaded.last().app());
                if (loaded.last().thread() != null) {
                    openThread(loaded.last().thread());
                }
            }
            connection.connected();
            return null;
        }, ui);
    }

    @Override
    public void close() {
        compare.close();
        connection.close();
        threadList.close();
        composer.close();
    }
}

package dev.builderdesk.ui.shell;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.ChatSession;
import dev.builderdesk.protocol.ChatSessionDetail;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.CreateAppRequest;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.ui.composer.ComposerViewModel;
import dev.builderdesk.ui.inspector.InspectorViewModel;
import dev.builderdesk.ui.picker.ModelChoice;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import dev.builderdesk.ui.timeline.TimelineViewModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's state: the connection status line, the apps of the left rail and the selected one, and the
 * child view models (timeline, composer, picker). Loading asks the server for apps and active chat models; with
 * no app yet it creates one from the Vite + React template so the first prompt can go out at once.
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

    public MainViewModel(RunApiClient client, Executor ui, Executor io) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        this.composer = new ComposerViewModel(client, ui, io, timeline, picker);
        this.inspector = new InspectorViewModel(client, ui, io);
        composer.onRunChanged(runId -> inspector.show(composer.appIdProperty().get(), runId));
        inspector.onRetry(composer::retry);
        inspector.onResume(composer::resume);
        inspector.onReverted(composer::refreshBase);
        selectedApp.addListener((obs, old, app) -> {
            composer.appIdProperty().set(app == null ? null : app.id());
            composer.newThread();
            composer.refreshBase();
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
                        remembered = picker.choiceFor(opened.runs().isEmpty() ? null
                                : opened.runs().get(0).requestedModelId());
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

    /** Loads apps and models from the server. */
    public CompletableFuture<Void> load() {
        status.set("Connecting to " + client.connection().baseUrl() + "…");
        record Loaded(List<App> apps, List<Model> models) {
        }
        return CompletableFuture.supplyAsync(() -> {
            List<App> list = client.listApps();
            if (list.isEmpty()) {
                client.createApp(new CreateAppRequest("My app", "vite-react", null));
                list = client.listApps();
            }
            return new Loaded(list, client.listModels("chat", true, 0, 500).models());
        }, io).handleAsync((loaded, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                status.set("Cannot reach the run server: " + cause.getMessage());
                return null;
            }
            apps.setAll(loaded.apps());
            picker.setModels(loaded.models().stream().filter(Model::isActive).map(ModelChoice::of).toList());
            if (selectedApp.get() == null && !apps.isEmpty()) {
                selectedApp.set(apps.get(0));
            }
            status.set("Connected · " + client.connection().baseUrl());
            return null;
        }, ui);
    }

    @Override
    public void close() {
        composer.close();
    }
}

package dev.builderdesk.ui.shell;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.CreateAppRequest;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.ui.composer.ComposerViewModel;
import dev.builderdesk.ui.picker.ModelChoice;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import dev.builderdesk.ui.timeline.TimelineViewModel;
import java.util.List;
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

    public MainViewModel(RunApiClient client, Executor ui, Executor io) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        this.composer = new ComposerViewModel(client, ui, io, timeline, picker);
        selectedApp.addListener((obs, old, app) -> {
            composer.appIdProperty().set(app == null ? null : app.id());
            composer.newThread();
        });
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

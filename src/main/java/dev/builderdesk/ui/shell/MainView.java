package dev.builderdesk.ui.shell;

import dev.builderdesk.protocol.ChatSession;
import dev.builderdesk.ui.composer.ComposerView;
import dev.builderdesk.ui.files.FilesView;
import dev.builderdesk.ui.fx.TextCells;
import dev.builderdesk.ui.inspector.InspectorView;
import dev.builderdesk.ui.picker.ModelPickerOverlay;
import dev.builderdesk.ui.settings.SettingsView;
import dev.builderdesk.ui.settings.Themes;
import dev.builderdesk.ui.timeline.TimelineView;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window: top bar (connection, run details toggle, Settings), the left rail (apps, the draft's files,
 * threads), the thread in the centre with the composer below, the run inspector on the right; Settings opens over
 * the workspace.
 */
public final class MainView extends BorderPane {
    private static final PseudoClass CONNECTED = PseudoClass.getPseudoClass("connected");
    private final MainViewModel model;
    private final ListView<ChatSession> threads = new ListView<>();
    private final Label status = new Label();
    private final Button newThread = new Button("New thread");
    private final ToggleButton showInspector = new ToggleButton("Run details");
    private final Button openSettings = new Button("Settings");
    private final StackPane body = new StackPane();
    private ComposerView composer;
    private SettingsView settings;

    public MainView(MainViewModel model) {
        this.model = model;
        createLayout();
        bindToModel();
        wireActions();
    }

    private void createLayout() {
        getStyleClass().add("main-view");
        getStylesheets().add(MainView.class.getResource("/dev/builderdesk/ui/theme/app.css").toExternalForm());
        Label title = new Label("Builder Desk");
        title.getStyleClass().add("app-title");
        status.setId("connection-status");
        status.getStyleClass().add("connection-status");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        newThread.setId("new-thread");
        newThread.getStyleClass().addAll("flat", "rail-action");
        showInspector.setId("toggle-inspector");
        showInspector.getStyleClass().add("inspector-toggle");
        showInspector.setSelected(true);
        openSettings.setId("open-settings");
        HBox top = new HBox(10, title, spacer, status, showInspector, openSettings);
        top.getStyleClass().add("top-bar");
        setTop(top);

        // The rail is a VBox: without these a short window squeezes the threads to a sliver.
        threads.setPrefHeight(160);
        threads.setMinHeight(80);

        Label threadsTitle = new Label("THREADS");
        threadsTitle.getStyleClass().add("rail-title");
        threads.setId("threads-list");
        Label noThreads = new Label("No threads yet: your first prompt starts one.");
        noThreads.setWrapText(true);
        noThreads.getStyleClass().add("rail-placeholder");
        StackPane placeholder = new StackPane(noThreads);
        placeholder.setAlignment(Pos.TOP_LEFT);
        threads.setPlaceholder(placeholder);
        threads.setCellFactory(TextCells.of(ChatSession::title));
        VBox.setVgrow(threads, Priority.ALWAYS);
        VBox rail = new VBox(8, new AppsView(model), new FilesView(model.files()), threadsTitle, threads, newThread);
        rail.getStyleClass().add("left-rail");
        rail.setPrefWidth(230);
        rail.setMinWidth(200);
        BorderPane workspace = new BorderPane();
        workspace.setLeft(rail);

        composer = new ComposerView(model.composer(), model.picker());
        VBox centre = new VBox(new StackPane(new TimelineView(model.timeline()), new FirstRunView(model)), composer);
        VBox.setVgrow(centre.getChildren().get(0), Priority.ALWAYS);
        centre.getStyleClass().add("centre");
        workspace.setCenter(centre);
        InspectorView inspector = new InspectorView(model.inspector());
        inspector.visibleProperty().bind(showInspector.selectedProperty());
        inspector.managedProperty().bind(inspector.visibleProperty());
        workspace.setRight(inspector);
        settings = new SettingsView(model.settings(), model::closeSettings);
        body.getChildren().addAll(workspace, settings, new ModelPickerOverlay(model.picker(), composer.picker()));
        setCenter(body);
    }

    private void bindToModel() {
        status.textProperty().bind(model.statusProperty());
        model.connectedProperty().subscribe(on -> status.pseudoClassStateChanged(CONNECTED, on));
        settings.visibleProperty().bind(model.settingsPageProperty().isNotNull());
        model.settingsPageProperty().subscribe(page -> {
            if (page != null) {
                settings.show(page);
            }
        });
        model.settings().themeProperty().subscribe(Themes::apply);
        threads.setItems(model.threads());
        model.selectedThreadProperty().subscribe(thread -> {
            if (thread == null) {
                threads.getSelectionModel().clearSelection();
            } else if (threads.getSelectionModel().getSelectedItem() != thread) {
                threads.getSelectionModel().select(thread);
            }
        });
    }

    private void wireActions() {
        newThread.setOnAction(e -> model.newThread());
        openSettings.setOnAction(e -> model.openSettings("connection"));
        // Esc closes Settings from wherever the focus is (the composer and the picker use Esc first when theirs).
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && model.settingsPageProperty().get() != null) {
                e.consume();
                model.closeSettings();
            }
        });
        threads.setOnMouseClicked(e -> {
            ChatSession picked = threads.getSelectionModel().getSelectedItem();
            if (picked != null && picked != model.selectedThreadProperty().get()) {
                model.openThread(picked);
            }
        });
        sceneProperty().subscribe(scene -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.SLASH, KeyCombination.SHORTCUT_DOWN),
                        () -> model.picker().open());
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.SLASH, KeyCombination.SHORTCUT_DOWN,
                        KeyCombination.SHIFT_DOWN), () -> model.picker().cycleFavourite());
            }
        });
    }
}

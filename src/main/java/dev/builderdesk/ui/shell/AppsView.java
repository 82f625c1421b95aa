package dev.builderdesk.ui.shell;

import dev.builderdesk.protocol.App;
import dev.builderdesk.ui.fx.TextCells;
import dev.builderdesk.ui.settings.SettingsPage;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/**
 * The rail's apps: the list (the selected app is the workspace's) and "+" to create one from a template or to
 * open an existing folder; a failure to create is shown under the list; ⚙ (and the list's context menu) opens the
 * app's settings.
 */
final class AppsView extends VBox {
    private static final double ROW = 34;
    private final MainViewModel model;
    private final ListView<App> apps = new ListView<>();
    private final MenuButton add = new MenuButton("+");
    private final Button settings = new Button("⚙");
    private final MenuItem fromTemplate = new MenuItem("New app from the Vite + React template…");
    private final MenuItem empty = new MenuItem("New empty app…");
    private final MenuItem openFolder = new MenuItem("Open an existing folder…");
    private final Label message = new Label();
    private final InlinePrompt prompt;

    AppsView(MainViewModel model, InlinePrompt prompt) {
        this.model = model;
        this.prompt = prompt;
        createLayout();
        bindToModel();
        wireActions();
    }

    private void createLayout() {
        setSpacing(4);
        Label title = new Label("APPS");
        title.getStyleClass().add("rail-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        add.setId("apps-add");
        add.getStyleClass().addAll("flat", "rail-add");
        fromTemplate.setId("apps-new-template");
        empty.setId("apps-new-empty");
        openFolder.setId("apps-open-folder");
        add.getItems().addAll(fromTemplate, empty, openFolder);
        settings.setId("apps-settings");
        settings.getStyleClass().addAll("flat", "rail-add");
        settings.setTooltip(new Tooltip("This app's settings: the command that verifies comparison attempts"));
        settings.disableProperty().bind(model.selectedAppProperty().isNull());
        HBox header = new HBox(title, spacer, settings, add);
        header.getStyleClass().add("rail-header");
        apps.setId("apps-list");
        apps.setFixedCellSize(ROW);
        // The rail is a VBox: without a minimum a short window squeezes the list to a sliver.
        apps.setMinHeight(Region.USE_PREF_SIZE);
        apps.setCellFactory(TextCells.of(App::name));
        MenuItem settingsItem = new MenuItem("App settings…");
        settingsItem.setOnAction(e -> model.openSettings(SettingsPage.APP));
        apps.setContextMenu(new ContextMenu(settingsItem));
        message.setId("apps-message");
        message.setWrapText(true);
        message.getStyleClass().add("composer-error");
        getChildren().addAll(header, apps, message);
    }

    private void bindToModel() {
        apps.setItems(model.apps());
        apps.prefHeightProperty().bind(Bindings.size(model.apps()).map(n -> Math.max(1, Math.min(4, n.intValue()))
                * ROW + 10));
        model.selectedAppProperty().subscribe(app -> {
            if (app != null && apps.getSelectionModel().getSelectedItem() != app) {
                apps.getSelectionModel().select(app);
            }
        });
        apps.getSelectionModel().selectedItemProperty().subscribe(app -> {
            if (app != null) {
                model.selectedAppProperty().set(app);
            }
        });
        message.textProperty().bind(model.appsMessageProperty());
        message.visibleProperty().bind(model.appsMessageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
    }

    private void wireActions() {
        settings.setOnAction(e -> model.openSettings(SettingsPage.APP));
        fromTemplate.setOnAction(e -> prompt.ask("New app", "A Vite + React app with a landing page to start from.",
                "landing-page", "Create", n -> model.createApp(n, "vite-react", null)));
        empty.setOnAction(e -> prompt.ask("New empty app", "An app with no files: the agent writes the first ones.",
                "my-app", "Create", n -> model.createApp(n, "empty", null)));
        openFolder.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Open an existing app folder");
            File folder = chooser.showDialog(getScene().getWindow());
            if (folder != null) {
                model.createApp(folder.getName(), null, folder.getAbsolutePath());
            }
        });
    }
}

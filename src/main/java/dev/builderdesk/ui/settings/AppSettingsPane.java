package dev.builderdesk.ui.settings;

import dev.builderdesk.protocol.App;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Settings → App: the app shown (name, folder) and its verify command with its timeout; Save and Remove. */
final class AppSettingsPane extends VBox {
    private static final double LABELS = 72;
    private final AppSettingsViewModel model;
    private final TextField name = SettingsForms.copyable("settings-app-name", "");
    private final TextField folder = SettingsForms.copyable("settings-app-folder", "");
    private final TextField command = new TextField();
    private final TextField timeout = new TextField();
    private final Label preview = new Label();
    private final Label none = SettingsForms.help("No app is selected: create or pick one in the rail first.");
    private final Button save = new Button("Save");
    private final Button remove = new Button("Remove");
    private final VBox form = new VBox(12);

    AppSettingsPane(AppSettingsViewModel model) {
        this.model = model;
        createLayout();
        bindToModel();
        wireActions();
    }

    private void createLayout() {
        setSpacing(12);
        GridPane about = SettingsForms.form();
        SettingsForms.row(about, 0, "Name", name);
        SettingsForms.row(about, 1, "Folder", folder);
        preview.setId("settings-verify-preview");
        preview.getStyleClass().add("settings-help");
        preview.setWrapText(true);
        preview.managedProperty().bind(preview.visibleProperty());
        GridPane verify = SettingsForms.form();
        // One label column for both forms: their fields line up.
        about.getColumnConstraints().get(0).setMinWidth(LABELS);
        verify.getColumnConstraints().get(0).setMinWidth(LABELS);
        SettingsForms.row(verify, 0, "Command", command, "settings-verify-command", "npm run build",
                model.commandErrorProperty(), preview);
        timeout.setPrefColumnCount(6);
        timeout.setMaxWidth(120);
        Node seconds = SettingsForms.withError(SettingsForms.field(timeout, "settings-verify-timeout", "120"),
                model.timeoutErrorProperty(), SettingsForms.help("seconds; the command is stopped after that"));
        SettingsForms.row(verify, 1, "Timeout", seconds);
        save.setId("settings-verify-save");
        save.getStyleClass().add("accent");
        remove.setId("settings-verify-remove");
        HBox actions = new HBox(8, save, remove);
        actions.setAlignment(Pos.CENTER_LEFT);
        none.setId("settings-app-none");
        none.managedProperty().bind(none.visibleProperty());
        form.getChildren().addAll(about, SettingsForms.section("Verify comparison attempts"),
                SettingsForms.help("Runs after each attempt of a comparison, in that attempt's own sandbox, and"
                        + " becomes its Verify metric (exit 0 passes). It runs without a shell: pipes, &&, * and"
                        + " $VARIABLES are not read — quote an argument that holds spaces, or run sh -c '…'."),
                verify, actions, SettingsForms.note("settings-verify-note", model.noteProperty()));
        form.managedProperty().bind(form.visibleProperty());
        getChildren().addAll(SettingsForms.section("App"), none, form);
    }

    private void bindToModel() {
        command.textProperty().bindBidirectional(model.commandProperty());
        timeout.textProperty().bindBidirectional(model.timeoutProperty());
        preview.textProperty().bind(model.previewProperty());
        preview.visibleProperty().bind(model.previewProperty().isNotEmpty());
        model.appProperty().subscribe(this::showApp);
        none.visibleProperty().bind(model.appProperty().isNull().and(model.busyProperty().not()));
        form.visibleProperty().bind(model.appProperty().isNotNull());
        save.disableProperty().bind(model.changedProperty().not().or(model.busyProperty()));
        remove.disableProperty().bind(Bindings.createBooleanBinding(() -> model.busyProperty().get()
                || model.appProperty().get() == null || model.appProperty().get().verify() == null,
                model.appProperty(), model.busyProperty()));
    }

    private void showApp(App app) {
        name.setText(app == null ? "" : app.name());
        folder.setText(app == null ? "" : app.workspacePath() != null ? app.workspacePath()
                : "None: the app's files live in the data folder");
    }

    private void wireActions() {
        save.setOnAction(e -> model.save());
        remove.setOnAction(e -> model.remove());
        // Enter in either field saves, as a form's default action would.
        command.setOnAction(e -> model.save());
        timeout.setOnAction(e -> model.save());
    }
}

package dev.builderdesk.ui.settings;

import dev.builderdesk.protocol.App;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Settings → App: the app shown (name, folder) and its verify command with its timeout; Save and Remove. */
final class AppSettingsPane extends VBox {
    private static final double LABELS = 72;
    private final AppSettingsViewModel model;
    private final Label name = new Label();
    private final TextField folder = SettingsForms.copyable("settings-app-folder", "");
    private final Label noFolder = SettingsForms.help("None: its files are kept in the data folder.");
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
        name.setId("settings-app-name");
        name.getStyleClass().add("settings-value");
        SettingsForms.row(about, 0, "Name", name);
        folder.managedProperty().bind(folder.visibleProperty());
        noFolder.managedProperty().bind(noFolder.visibleProperty());
        noFolder.getStyleClass().add("settings-value");
        SettingsForms.row(about, 1, "Folder", new VBox(folder, noFolder));
        preview.setId("settings-verify-preview");
        preview.getStyleClass().add("settings-help");
        preview.setWrapText(true);
        preview.managedProperty().bind(preview.visibleProperty());
        GridPane verify = SettingsForms.form();
        // One label column for both forms: their fields line up.
        about.getColumnConstraints().get(0).setMinWidth(LABELS);
        verify.getColumnConstraints().get(0).setMinWidth(LABELS);
        command.getStyleClass().add("settings-copyable");
        SettingsForms.row(verify, 0, "Command", command, "settings-verify-command", "npm run build",
                model.commandErrorProperty(), preview);
        timeout.setPrefColumnCount(5);
        timeout.setMaxWidth(90);
        // The hint beside it wraps; the field keeps its width.
        timeout.setMinWidth(Region.USE_PREF_SIZE);
        HBox timeoutLine = new HBox(8, SettingsForms.field(timeout, "settings-verify-timeout", "120"),
                SettingsForms.help("seconds, then the command is stopped (Verify: “timed out”)"));
        timeoutLine.setAlignment(Pos.CENTER_LEFT);
        SettingsForms.row(verify, 1, "Timeout", SettingsForms.withError(timeoutLine, timeout,
                model.timeoutErrorProperty()));
        save.setId("settings-verify-save");
        save.getStyleClass().add("accent");
        remove.setId("settings-verify-remove");
        // Apart: Remove undoes what Save keeps.
        HBox actions = new HBox(24, save, remove);
        actions.setAlignment(Pos.CENTER_LEFT);
        none.setId("settings-app-none");
        none.managedProperty().bind(none.visibleProperty());
        Label explain = SettingsForms.help("Runs after each attempt of a comparison, in a copy of the app holding"
                + " that attempt's changes, and becomes its Verify metric (exit 0 passes). It runs without a shell:"
                + " pipes, &&, * and $VARIABLES are not interpreted — quote an argument that holds spaces, or"
                + " run sh -c '…'.");
        // As wide as the form: a line running across a wide window is hard to read.
        explain.setMaxWidth(LABELS + 12 + 520);
        form.getChildren().addAll(about, SettingsForms.section("Verify comparison attempts"), explain,
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
        save.disableProperty().bind(model.canSaveProperty().not());
        remove.disableProperty().bind(model.canRemoveProperty().not());
    }

    private void showApp(App app) {
        name.setText(app == null ? "" : app.name());
        boolean hasFolder = app != null && app.workspacePath() != null;
        folder.setText(hasFolder ? app.workspacePath() : "");
        folder.setVisible(hasFolder);
        noFolder.setVisible(!hasFolder);
    }

    private void wireActions() {
        save.setOnAction(e -> model.save());
        remove.setOnAction(e -> model.remove());
        // Enter in either field saves, as a form's default action would.
        command.setOnAction(e -> model.save());
        timeout.setOnAction(e -> model.save());
    }
}

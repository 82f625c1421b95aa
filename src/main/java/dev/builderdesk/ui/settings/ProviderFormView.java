package dev.builderdesk.ui.settings;

import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The add / edit form of a provider: name, base URL and a write-only API key ("set" / "not set", never shown),
 * each with its error underneath; Save and Cancel. Moves the keyboard to the field the form asks for.
 */
final class ProviderFormView extends VBox {
    private final ProvidersViewModel providers;
    private final ProviderFormViewModel model;
    private final Consumer<Node> reveal;
    private final Label title = new Label();
    private final TextField name = new TextField();
    private final TextField url = new TextField();
    private final PasswordField key = new PasswordField();
    private final Label keyState = new Label();
    private final Hyperlink removeKey = new Hyperlink();
    private final Button save = new Button();
    private final Button cancel = new Button("Cancel");

    /** {@code reveal} scrolls the page so that a node is in view. */
    ProviderFormView(ProvidersViewModel providers, Consumer<Node> reveal) {
        this.providers = providers;
        this.model = providers.form();
        this.reveal = reveal;
        createLayout();
        bindToModel();
        wireActions();
    }

    private void createLayout() {
        setId("settings-provider-form");
        getStyleClass().add("settings-card");
        setSpacing(10);
        title.getStyleClass().add("settings-card-title");
        title.setId("settings-provider-form-title");
        keyState.setId("settings-provider-key-state");
        keyState.getStyleClass().add("settings-help");
        removeKey.setId("settings-provider-key-remove");
        HBox keyLine = new HBox(8, keyState, removeKey);
        keyLine.setAlignment(Pos.CENTER_LEFT);
        GridPane form = SettingsForms.form();
        SettingsForms.row(form, 0, "Name", name, "settings-provider-name", "e.g. Team endpoint",
                model.nameErrorProperty());
        SettingsForms.row(form, 1, "Base URL", url, "settings-provider-url", "http://127.0.0.1:11434/v1",
                model.urlErrorProperty());
        SettingsForms.row(form, 2, "API key", key, "settings-provider-key", "", model.keyErrorProperty(), keyLine);
        save.setId("settings-provider-save");
        save.getStyleClass().add(Styles.ACCENT);
        cancel.setId("settings-provider-cancel");
        form.add(new HBox(8, save, cancel), 1, 3);
        getChildren().addAll(title, form);
    }

    private void bindToModel() {
        visibleProperty().bind(model.modeProperty().isNotEqualTo(ProviderFormViewModel.Mode.CLOSED));
        managedProperty().bind(visibleProperty());
        title.textProperty().bind(model.titleProperty());
        name.textProperty().bindBidirectional(model.nameProperty());
        url.textProperty().bindBidirectional(model.urlProperty());
        key.textProperty().bindBidirectional(model.keyProperty());
        model.modeProperty().subscribe(m -> save.setText(m == ProviderFormViewModel.Mode.ADD
                ? "Add and discover models" : "Save and test"));
        model.keySetProperty().subscribe(this::showKeyState);
        model.removeKeyProperty().subscribe(this::showKeyState);
        model.modeProperty().subscribe(this::showKeyState);
        save.disableProperty().bind(model.savingProperty());
        model.focusProperty().subscribe(field -> {
            if (field != null) {
                // After this pulse: the form may have just been shown, in a tab that was just selected.
                Platform.runLater(() -> focus(field));
            }
        });
    }

    private void showKeyState() {
        boolean set = model.keySetProperty().get();
        boolean adding = model.modeProperty().get() == ProviderFormViewModel.Mode.ADD;
        boolean removing = model.removeKeyProperty().get();
        key.setPromptText(adding ? "optional" : set && !removing ? "set — type a new key to replace it"
                : "not set");
        keyState.setText(adding ? "Stored on the server and never shown again." : removing
                ? "The key will be removed when you save." : set ? "An API key is set." : "No API key is set.");
        removeKey.setText(removing ? "Keep the key" : "Remove the key");
        removeKey.setVisible(!adding && set);
        removeKey.setManaged(removeKey.isVisible());
    }

    private void focus(ProviderFormViewModel.Field field) {
        if (model.focusProperty().get() != field) {
            return;
        }
        TextField target = switch (field) {
            case NAME -> name;
            case URL -> url;
            case KEY -> key;
        };
        target.requestFocus();
        target.selectAll();
        reveal.accept(this);
        model.focusDone();
    }

    private void wireActions() {
        save.setOnAction(e -> providers.save());
        cancel.setOnAction(e -> providers.cancelEdit());
        removeKey.setOnAction(e -> model.removeKeyProperty().set(!model.removeKeyProperty().get()));
        for (TextField f : new TextField[] {name, url, key}) {
            f.setOnAction(e -> providers.save());
        }
    }
}

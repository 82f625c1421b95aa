package dev.builderdesk.ui.settings;

import dev.builderdesk.protocol.Provider;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Settings → Models: add an OpenAI-compatible endpoint (name, base URL, API key), the providers with "Discover
 * models", and every chat model with its active switch, "Make default" and the favourite star.
 */
final class ModelsSettingsPane extends VBox {
    private final SettingsViewModel model;
    private final TextField name = new TextField();
    private final TextField url = new TextField();
    private final PasswordField key = new PasswordField();
    private final Button add = new Button("Add and discover models");
    private final ListView<Provider> providers = new ListView<>();
    private final ListView<SettingsViewModel.ModelRow> models = new ListView<>();
    private final Label message = new Label();

    ModelsSettingsPane(SettingsViewModel model) {
        this.model = model;
        createLayout();
        bindToModel();
        wireActions();
    }

    private void createLayout() {
        setSpacing(10);
        add.setId("settings-add-provider");
        GridPane form = SettingsForms.form();
        SettingsForms.row(form, 0, "Name", SettingsForms.field(name, "settings-provider-name",
                "e.g. My OpenAI-compatible endpoint"));
        SettingsForms.row(form, 1, "Base URL", SettingsForms.field(url, "settings-provider-url",
                "http://127.0.0.1:11434/v1"));
        SettingsForms.row(form, 2, "API key", SettingsForms.field(key, "settings-provider-key", "optional"));
        form.add(add, 1, 3);
        message.setId("settings-models-message");
        message.setWrapText(true);
        message.getStyleClass().add("settings-note");
        providers.setId("settings-providers-list");
        providers.setFixedCellSize(40);
        providers.setMinHeight(Region.USE_PREF_SIZE);
        providers.setCellFactory(v -> new ProviderCell());
        models.setId("settings-models-list");
        models.setCellFactory(v -> new ModelCell());
        models.setPrefHeight(240);
        models.setPlaceholder(new Label("No chat models yet: add an endpoint above."));
        VBox.setVgrow(models, Priority.ALWAYS);
        getChildren().addAll(SettingsForms.section("Add an endpoint"), form, message,
                SettingsForms.section("Providers"), providers, SettingsForms.section("Chat models"), models);
    }

    private void bindToModel() {
        name.textProperty().bindBidirectional(model.newProviderNameProperty());
        url.textProperty().bindBidirectional(model.newProviderUrlProperty());
        key.textProperty().bindBidirectional(model.newProviderKeyProperty());
        add.disableProperty().bind(name.textProperty().isEmpty().or(url.textProperty().isEmpty()));
        providers.setItems(model.providers());
        providers.prefHeightProperty().bind(Bindings.size(model.providers()).map(n -> Math.max(1, Math.min(4,
                n.intValue())) * providers.getFixedCellSize() + 4));
        models.setItems(model.models());
        message.textProperty().bind(model.modelsMessageProperty());
    }

    private void wireActions() {
        add.setOnAction(e -> model.addProvider());
    }

    /** A provider: name, kind and URL, and Discover for HTTP endpoints. */
    private final class ProviderCell extends ListCell<Provider> {
        @Override
        protected void updateItem(Provider p, boolean empty) {
            super.updateItem(p, empty);
            setText(null);
            if (empty || p == null) {
                setGraphic(null);
                return;
            }
            Label title = new Label(p.name());
            title.getStyleClass().add("settings-row-title");
            Label detail = new Label(p.kind().equals(Provider.DEMO) ? "built in, offline" : p.baseUrl());
            detail.getStyleClass().add("settings-help");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox row = new HBox(10, title, detail, spacer);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            if (p.kind().equals(Provider.OPENAI_COMPATIBLE)) {
                Button discover = new Button("Discover models");
                discover.setId("settings-discover-" + p.id());
                discover.getStyleClass().add("small");
                discover.setOnAction(e -> model.discover(p));
                row.getChildren().add(discover);
            }
            setGraphic(row);
        }
    }

    /** A chat model: active switch, name and provider, default badge or "Make default", favourite star. */
    private final class ModelCell extends ListCell<SettingsViewModel.ModelRow> {
        @Override
        protected void updateItem(SettingsViewModel.ModelRow m, boolean empty) {
            super.updateItem(m, empty);
            setText(null);
            if (empty || m == null) {
                setGraphic(null);
                return;
            }
            CheckBox active = new CheckBox();
            active.setSelected(m.active());
            active.setDisable(!m.editable());
            active.setId("settings-model-active-" + m.id());
            active.setOnAction(e -> model.setActive(m, active.isSelected()));
            Label title = new Label(m.name());
            title.getStyleClass().add("settings-row-title");
            Label provider = new Label(m.provider() + (m.editable() ? "" : " · from the server's config"));
            provider.getStyleClass().add("settings-help");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox row = new HBox(10, active, title, provider, spacer);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            if (m.isDefault()) {
                Label badge = new Label("default for Auto");
                badge.getStyleClass().add("settings-badge");
                row.getChildren().add(badge);
            } else if (m.editable() && m.active()) {
                Button makeDefault = new Button("Make default");
                makeDefault.getStyleClass().addAll("small", "flat");
                makeDefault.setId("settings-model-default-" + m.id());
                makeDefault.setOnAction(e -> model.makeDefault(m));
                row.getChildren().add(makeDefault);
            }
            Button star = new Button(m.favourite() ? "★" : "☆");
            star.getStyleClass().addAll("flat", "settings-star");
            star.setId("settings-model-favourite-" + m.id());
            star.setOnAction(e -> model.toggleFavourite(m));
            row.getChildren().add(star);
            setGraphic(row);
        }
    }
}

package dev.builderdesk.ui.settings;

import atlantafx.base.theme.Styles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Settings → Models: the providers (each with Test, Discover models, Edit, Remove), the add / edit form, and every
 * chat model with its switch, "Make default" and star; the outcome of each action is said where it happened.
 */
final class ModelsSettingsPane extends ScrollPane {
    private static final double MODEL_ROW = 40;
    private static final int MODEL_ROWS_SHOWN = 10;
    private final ProvidersViewModel providers;
    private final ModelsViewModel models;
    private final Button add = new Button("Add provider");
    private final VBox providerList = new VBox();
    private final Map<String, ProviderRowView> rows = new HashMap<>();
    private final Label emptyProviders = SettingsForms.help("No providers yet: add an OpenAI-compatible endpoint.");
    private final ListView<ModelsViewModel.ModelRow> modelList = new ListView<>();
    private final Button undo = new Button("Undo");

    ModelsSettingsPane(SettingsViewModel model) {
        this.providers = model.providers();
        this.models = model.models();
        createLayout();
        bindToModel();
        wireActions();
    }

    private void createLayout() {
        setId("settings-models-page");
        setFitToWidth(true);
        getStyleClass().addAll("settings-scroll", "edge-to-edge");
        add.setId("settings-add-provider");
        add.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox providersHeader = new HBox(12, SettingsForms.section("Providers"), spacer, add);
        providersHeader.setAlignment(Pos.CENTER_LEFT);
        providerList.setId("settings-providers-list");
        providerList.getStyleClass().add("settings-list");
        undo.setId("settings-models-undo");
        undo.getStyleClass().add(Styles.SMALL);
        undo.setMinWidth(Region.USE_PREF_SIZE);
        Label modelsNote = SettingsForms.note("settings-models-note", models.noteProperty());
        HBox.setHgrow(modelsNote, Priority.ALWAYS);
        HBox modelsLine = new HBox(10, modelsNote, undo);
        modelsLine.setAlignment(Pos.CENTER_LEFT);
        modelsLine.managedProperty().bind(modelsNote.visibleProperty());
        modelsLine.visibleProperty().bind(modelsNote.visibleProperty());
        modelList.setId("settings-models-list");
        modelList.setFixedCellSize(MODEL_ROW);
        modelList.setCellFactory(v -> new ModelRowCell(models));
        modelList.setPlaceholder(new Label("No chat models yet: add a provider above."));
        VBox content = new VBox(10, providersHeader, providerList, emptyProviders,
                new ProviderFormView(providers, node -> SettingsForms.reveal(this, node)),
                SettingsForms.note("settings-providers-note", providers.noteProperty()),
                SettingsForms.section("Chat models"), SettingsForms.help("Switched-on models are offered in the"
                        + " picker. Discovery switches on the first three of a provider; the rest wait here."),
                modelsLine, modelList);
        content.getStyleClass().add("settings-page");
        setContent(content);
    }

    private void bindToModel() {
        showProviders();
        providers.items().subscribe(this::showProviders);
        providers.removalProperty().subscribe(r -> showProviders());
        emptyProviders.visibleProperty().bind(Bindings.isEmpty(providers.items()));
        emptyProviders.managedProperty().bind(emptyProviders.visibleProperty());
        modelList.setItems(models.rows());
        modelList.prefHeightProperty().bind(Bindings.size(models.rows()).map(n -> Math.max(3, Math.min(
                MODEL_ROWS_SHOWN, n.intValue())) * MODEL_ROW + 2));
        modelList.minHeightProperty().bind(modelList.prefHeightProperty());
        undo.visibleProperty().bind(models.canUndoProperty());
        undo.managedProperty().bind(undo.visibleProperty());
    }

    /** Updates the provider rows in place (a row keeps its nodes, and so the focus, while it stays listed). */
    private void showProviders() {
        List<ProvidersViewModel.Item> items = providers.items();
        ProvidersViewModel.Removal asked = providers.removalProperty().get();
        rows.keySet().removeIf(id -> items.stream().noneMatch(i -> i.provider().id().equals(id)));
        List<ProviderRowView> shown = items.stream().map(i -> {
            ProviderRowView row = rows.computeIfAbsent(i.provider().id(), id -> new ProviderRowView(providers, i));
            row.update(i, asked);
            return row;
        }).toList();
        if (!providerList.getChildren().equals(shown)) {
            providerList.getChildren().setAll(shown);
        }
    }

    private void wireActions() {
        add.setOnAction(e -> providers.startAdd());
        undo.setOnAction(e -> models.undo());
    }
}

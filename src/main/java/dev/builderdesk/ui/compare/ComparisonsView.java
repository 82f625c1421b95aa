package dev.builderdesk.ui.compare;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The rail's comparisons: prompt, models and winner per row; a click or Enter reopens one. */
public final class ComparisonsView extends VBox {
    private final ComparisonsViewModel model;
    private final ListView<ComparisonsViewModel.Entry> list = new ListView<>();

    public ComparisonsView(ComparisonsViewModel model) {
        super(6);
        this.model = model;
        getStyleClass().add("comparisons-view");
        list.setId("comparisons-list");
        list.setItems(model.entries());
        list.setPrefHeight(120);
        list.setMinHeight(60);
        Label empty = new Label("No comparisons yet. Compare… in the composer sends one prompt to several models.");
        empty.setWrapText(true);
        empty.getStyleClass().add("rail-placeholder");
        list.setPlaceholder(empty);
        list.setCellFactory(l -> new EntryCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        list.setOnMouseClicked(e -> openSelected());
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
            }
        });
        setPadding(new javafx.geometry.Insets(6, 0, 0, 0));
        getChildren().add(list);
    }

    private void openSelected() {
        ComparisonsViewModel.Entry entry = list.getSelectionModel().getSelectedItem();
        if (entry != null) {
            model.open(entry);
        }
    }

    /** A row: the prompt, and under it the models and the winner. */
    private static final class EntryCell extends ListCell<ComparisonsViewModel.Entry> {
        private final Label prompt = new Label();
        private final Label summary = new Label();
        private final VBox box = new VBox(2, prompt, summary);
        private final Tooltip tip = new Tooltip();

        EntryCell() {
            prompt.getStyleClass().add("comparison-prompt");
            summary.getStyleClass().add("comparison-summary");
            prompt.setMinWidth(0);
            summary.setMinWidth(0);
            getStyleClass().add("comparison-cell");
        }

        @Override
        protected void updateItem(ComparisonsViewModel.Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            prompt.setText(entry.prompt());
            summary.setText(entry.summary());
            tip.setText(entry.prompt() + "\n" + entry.summary());
            setTooltip(tip);
            setGraphic(box);
        }
    }
}

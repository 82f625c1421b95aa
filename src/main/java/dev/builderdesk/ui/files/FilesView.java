package dev.builderdesk.ui.files;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The draft's files in the left rail: an indented list, changed files marked A / M / D on the right. */
public final class FilesView extends VBox {
    private final FilesViewModel model;
    private final Label title = new Label();
    private final ListView<FileTree.Row> list = new ListView<>();

    public FilesView(FilesViewModel model) {
        this.model = model;
        createLayout();
        bindToModel();
    }

    private void createLayout() {
        setSpacing(4);
        title.getStyleClass().add("rail-title");
        list.setId("files-list");
        list.getStyleClass().add("files-list");
        list.setFixedCellSize(24);
        list.setPrefHeight(220);
        list.setMinHeight(120);
        list.setPlaceholder(new Label("No files"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(FileTree.Row row, boolean empty) {
                super.updateItem(row, empty);
                setText(null);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                setPrefWidth(0);
                Label name = new Label(row.name());
                name.getStyleClass().add(row.folder() ? "files-folder" : "files-file");
                Region spacer = new Region();
                HBox.setHgrow(spacer, Priority.ALWAYS);
                Label mark = new Label(row.change());
                mark.getStyleClass().addAll("files-mark", "files-mark-" + row.change());
                HBox line = new HBox(4, name, spacer, mark);
                line.setStyle("-fx-padding: 0 0 0 " + (row.depth() * 14) + ";");
                setGraphic(line);
            }
        });
        VBox.setVgrow(list, Priority.SOMETIMES);
        getChildren().addAll(title, list);
    }

    private void bindToModel() {
        title.textProperty().bind(model.titleProperty());
        list.setItems(model.rows());
        list.setOnMouseClicked(e -> model.open(list.getSelectionModel().getSelectedItem()));
        list.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                model.open(list.getSelectionModel().getSelectedItem());
            }
        });
    }
}

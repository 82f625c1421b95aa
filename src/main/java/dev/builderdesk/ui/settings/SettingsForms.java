package dev.builderdesk.ui.settings;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** Small builders shared by the settings pages: section titles, help text, label + field grids. */
final class SettingsForms {
    private SettingsForms() {
    }

    static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("settings-section");
        return label;
    }

    static Label help(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add("settings-help");
        return label;
    }

    static GridPane form() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(90);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setMaxWidth(520);
        grid.getColumnConstraints().addAll(labels, fields);
        return grid;
    }

    static void row(GridPane grid, int row, String label, Node field) {
        Label l = new Label(label);
        l.getStyleClass().add("settings-label");
        grid.addRow(row, l, field);
    }

    /** Gives a form field its stable id and its hint text; returns it. */
    static <T extends TextField> T field(T field, String id, String hint) {
        field.setId(id);
        field.setPromptText(hint);
        return field;
    }

    /** A read-only, selectable value (paths, ids). */
    static TextField copyable(String id, String text) {
        TextField field = new TextField(text);
        field.setId(id);
        field.setEditable(false);
        field.getStyleClass().add("settings-copyable");
        return field;
    }
}

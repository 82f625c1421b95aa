package dev.builderdesk.ui.settings;

import atlantafx.base.theme.Styles;
import java.util.Locale;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Small builders shared by the settings pages: section titles, help text, label + field grids, errors, notes. */
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
        labels.setMinWidth(Control.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setMaxWidth(520);
        grid.getColumnConstraints().addAll(labels, fields);
        return grid;
    }

    static void row(GridPane grid, int row, String label, Node field) {
        Label l = new Label(label);
        l.getStyleClass().add("settings-label");
        l.setMinWidth(Control.USE_PREF_SIZE);
        GridPane.setValignment(l, VPos.TOP);
        l.setPadding(new Insets(6, 0, 0, 0));
        grid.addRow(row, l, field);
    }

    /** A labelled row of a field with its id, hint, the error under it and anything else below it. */
    static void row(GridPane grid, int row, String label, TextField field, String id, String hint,
            ObservableValue<String> error, Node... below) {
        row(grid, row, label, withError(field(field, id, hint), error, below));
    }

    /** Gives a form field its stable id and its hint text; returns it. */
    static <T extends TextField> T field(T field, String id, String hint) {
        field.setId(id);
        field.setPromptText(hint);
        return field;
    }

    /**
     * The field with what is wrong with it underneath ({@code id} + "-error"), shown only while {@code error} is
     * not empty; the field gets AtlantaFX's danger state meanwhile.
     */
    static VBox withError(Control field, ObservableValue<String> error, Node... below) {
        return withError(field, field, error, below);
    }

    /** As {@link #withError(Control, ObservableValue, Node...)}, showing {@code line} (the field and what it holds). */
    static VBox withError(Node line, Control field, ObservableValue<String> error, Node... below) {
        Label message = new Label();
        message.setId(field.getId() + "-error");
        message.getStyleClass().add("settings-field-error");
        message.setWrapText(true);
        message.textProperty().bind(error);
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        error.subscribe(text -> field.pseudoClassStateChanged(Styles.STATE_DANGER, text != null && !text.isEmpty()));
        VBox box = new VBox(4, line);
        box.getChildren().addAll(below);
        box.getChildren().add(message);
        return box;
    }

    /** A label that shows a page's {@link Note}, coloured by its tone, and takes no room while empty. */
    static Label note(String id, ObservableValue<Note> note) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.getStyleClass().add("settings-note");
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        note.subscribe(n -> {
            label.setText(n == null ? "" : n.text());
            for (Note.Tone tone : Note.Tone.values()) {
                label.pseudoClassStateChanged(tone(tone), n != null && n.tone() == tone);
            }
        });
        return label;
    }

    static PseudoClass tone(Note.Tone tone) {
        return PseudoClass.getPseudoClass(tone.name().toLowerCase(Locale.ROOT));
    }

    /** A read-only, selectable value (paths, ids). */
    static TextField copyable(String id, String text) {
        TextField field = new TextField(text);
        field.setId(id);
        field.setEditable(false);
        field.getStyleClass().add("settings-copyable");
        return field;
    }

    /** Scrolls {@code pane} so that {@code node} (inside its content) is in view. */
    static void reveal(ScrollPane pane, Node node) {
        Node content = pane.getContent();
        if (content == null || node.getScene() == null) {
            return;
        }
        Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double contentHeight = content.getBoundsInLocal().getHeight();
        double viewport = pane.getViewportBounds().getHeight();
        if (contentHeight <= viewport) {
            return;
        }
        double top = pane.getVvalue() * (contentHeight - viewport);
        if (b.getMinY() < top) {
            pane.setVvalue(b.getMinY() / (contentHeight - viewport));
        } else if (b.getMaxY() > top + viewport) {
            pane.setVvalue(Math.min(1, (b.getMaxY() - viewport) / (contentHeight - viewport)));
        }
    }
}

package dev.builderdesk.ui.shell;

import java.util.List;
import javafx.geometry.HPos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The keyboard shortcuts (F1): every key the window answers, in one themed card. */
final class ShortcutsSheet extends VBox {
    /** One line of the sheet. */
    record Shortcut(String keys, String what) {
    }

    static final List<Shortcut> SHORTCUTS = List.of(
            new Shortcut("Enter", "Send the prompt"),
            new Shortcut("Shift+Enter", "New line in the prompt"),
            new Shortcut("Esc", "Stop the run · close what is open"),
            new Shortcut("Ctrl+L", "Go to the prompt"),
            new Shortcut("Ctrl+N", "New thread"),
            new Shortcut("Ctrl+F", "Find in this thread (Enter next, Shift+Enter previous)"),
            new Shortcut("Ctrl+/", "Choose the model"),
            new Shortcut("Ctrl+Shift+/", "Next favourite model"),
            new Shortcut("Ctrl+B", "Show or hide the rail"),
            new Shortcut("Ctrl+I", "Show or hide the run details"),
            new Shortcut("Ctrl+,", "Settings"),
            new Shortcut("F1", "These shortcuts"),
            new Shortcut("Ctrl+Q", "Quit"));

    private final Button close = new Button("Close");

    ShortcutsSheet(Runnable onClose) {
        setId("shortcuts-sheet");
        getStyleClass().addAll("modal-card", "shortcuts-sheet");
        setSpacing(14);
        setMaxWidth(Region.USE_PREF_SIZE);
        setMaxHeight(Region.USE_PREF_SIZE);
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("modal-title");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("shortcuts-grid");
        grid.setHgap(18);
        grid.setVgap(8);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setHalignment(HPos.RIGHT);
        keys.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints what = new ColumnConstraints();
        what.setHgrow(Priority.ALWAYS);
        what.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().addAll(keys, what);
        for (int row = 0; row < SHORTCUTS.size(); row++) {
            Label k = new Label(SHORTCUTS.get(row).keys());
            k.getStyleClass().add("shortcut-keys");
            k.setMinWidth(Region.USE_PREF_SIZE);
            Label w = new Label(SHORTCUTS.get(row).what());
            w.setMinWidth(Region.USE_PREF_SIZE);
            grid.addRow(row, k, w);
        }
        close.setId("shortcuts-close");
        // Enter closes the sheet only while it is shown: MainView shows it (this card's parent scrim).
        parentProperty().subscribe(parent -> {
            close.defaultButtonProperty().unbind();
            if (parent != null) {
                close.defaultButtonProperty().bind(parent.visibleProperty());
            }
        });
        close.setOnAction(e -> onClose.run());
        HBox actions = new HBox(close);
        actions.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        getChildren().addAll(title, grid, actions);
    }

    /** The button that takes the keyboard when the sheet opens. */
    Button closeButton() {
        return close;
    }
}

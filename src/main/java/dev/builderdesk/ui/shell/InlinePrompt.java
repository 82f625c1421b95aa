package dev.builderdesk.ui.shell;

import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A themed question over the workspace asking for one name ("New app"), instead of a stock dialog window: the
 * field is focused with its suggestion selected, Enter confirms, Esc cancels, and a blank name is refused on the
 * field without closing, so nothing typed is lost.
 */
final class InlinePrompt extends StackPane {
    private final Label title = new Label();
    private final Label hint = new Label();
    private final TextField field = new TextField();
    private final Label error = new Label();
    private final Button cancel = new Button("Cancel");
    private final Button confirm = new Button();
    private Consumer<String> answer = name -> { };
    private Runnable closed = () -> { };

    InlinePrompt() {
        setId("inline-prompt");
        getStyleClass().add("modal-scrim");
        title.getStyleClass().add("modal-title");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        field.setId("inline-prompt-field");
        error.setId("inline-prompt-error");
        error.getStyleClass().add("inline-dialog-error");
        error.managedProperty().bind(error.visibleProperty());
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        cancel.setId("inline-prompt-cancel");
        // Enter and Esc belong to the sheet only while it is shown (a scene has one default and one cancel button).
        cancel.cancelButtonProperty().bind(visibleProperty());
        confirm.setId("inline-prompt-confirm");
        confirm.defaultButtonProperty().bind(visibleProperty());
        confirm.getStyleClass().add("accent");
        HBox buttons = new HBox(8, cancel, confirm);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox card = new VBox(10, title, hint, field, error, buttons);
        card.getStyleClass().addAll("modal-card", "inline-dialog");
        card.setMaxWidth(460);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        getChildren().add(card);
        setVisible(false);
        cancel.setOnAction(e -> close());
        confirm.setOnAction(e -> submit());
        field.setOnAction(e -> submit());
        field.textProperty().addListener((obs, old, text) -> error.setText(""));
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                close();
            }
        });
    }

    /** Runs after the prompt closed, confirmed or not (the shell gives the keyboard back to the composer). */
    void setOnClosed(Runnable action) {
        this.closed = action;
    }

    /** Asks for a name: {@code then} gets the stripped, non-blank answer; Cancel and Esc answer nothing. */
    void ask(String heading, String explanation, String suggestion, String action, Consumer<String> then) {
        title.setText(heading);
        hint.setText(explanation);
        hint.setVisible(!explanation.isEmpty());
        hint.setManaged(!explanation.isEmpty());
        confirm.setText(action);
        field.setText(suggestion);
        error.setText("");
        answer = then;
        setVisible(true);
        field.requestFocus();
        field.selectAll();
    }

    private void submit() {
        String name = field.getText() == null ? "" : field.getText().strip();
        if (name.isEmpty()) {
            error.setText("Give it a name.");
            field.requestFocus();
            return;
        }
        Consumer<String> then = answer;
        close();
        then.accept(name);
    }

    private void close() {
        setVisible(false);
        answer = name -> { };
        closed.run();
    }
}

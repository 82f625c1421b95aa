package dev.builderdesk.ui.fx;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A question over the screen before something that changes the user's work (a revert, applying an attempt): a
 * title, what will happen, Cancel and the action. Enter keeps everything (a change of the draft is never the
 * default) and so does Esc; the owner shows it, says what happens and wires the two answers.
 */
public class ConfirmationSheet extends StackPane {
    private final Label title = new Label();
    private final Label body = new Label();
    private final Button cancel = new Button("Cancel");
    private final Button confirm = new Button();

    /** {@code idPrefix}: "revert" gives #revert-confirmation, #revert-summary, #revert-cancel, #revert-confirm. */
    public ConfirmationSheet(String idPrefix, Runnable onCancel, Runnable onConfirm) {
        setId(idPrefix + "-confirmation");
        getStyleClass().add("modal-scrim");
        title.getStyleClass().add("modal-title");
        body.setWrapText(true);
        body.setMinHeight(Region.USE_PREF_SIZE);
        body.setId(idPrefix + "-summary");
        cancel.setId(idPrefix + "-cancel");
        confirm.setId(idPrefix + "-confirm");
        cancel.cancelButtonProperty().bind(visibleProperty());
        cancel.defaultButtonProperty().bind(visibleProperty());
        HBox buttons = new HBox(8, cancel, confirm);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox card = new VBox(12, title, body, buttons);
        card.getStyleClass().add("modal-card");
        card.setMaxWidth(520);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        getChildren().add(card);
        setVisible(false);
        cancel.setOnAction(e -> onCancel.run());
        confirm.setOnAction(e -> onConfirm.run());
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                onCancel.run();
            }
        });
    }

    /** Shows the question; the keyboard goes to Cancel. {@code danger} marks an action that replaces newer work. */
    public void ask(String heading, String text, String action, boolean danger) {
        title.setText(heading);
        body.setText(text);
        confirm.setText(action);
        confirm.getStyleClass().remove("danger");
        if (danger) {
            confirm.getStyleClass().add("danger");
        }
        setVisible(true);
        cancel.requestFocus();
    }

    public void dismiss() {
        setVisible(false);
    }
}

package dev.builderdesk.ui.shell;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A failure nobody caught, shown over the workspace in the window's theme: what happened in plain words, the
 * details folded away, "Copy details" for a bug report, and Close. Nothing under it is lost.
 */
final class ErrorSheet extends StackPane {
    private final Label summary = new Label();
    private final TextArea details = new TextArea();
    private final Button copy = new Button("Copy details");
    private final Button close = new Button("Close");

    ErrorSheet() {
        setId("error-sheet");
        getStyleClass().add("modal-scrim");
        Label title = new Label("Something went wrong");
        title.getStyleClass().add("modal-title");
        summary.setId("error-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        details.setId("error-details");
        details.getStyleClass().add("error-details");
        details.setEditable(false);
        details.setPrefRowCount(8);
        copy.setId("error-copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(details.getText());
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        close.setId("error-close");
        close.defaultButtonProperty().bind(visibleProperty());
        close.cancelButtonProperty().bind(visibleProperty());
        close.setOnAction(e -> setVisible(false));
        HBox buttons = new HBox(8, copy, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox card = new VBox(12, title, summary, details, buttons);
        card.getStyleClass().add("modal-card");
        card.setMaxWidth(640);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        getChildren().add(card);
        setVisible(false);
    }

    void show(String what, String stack) {
        summary.setText(what);
        details.setText(stack);
        copy.setText("Copy details");
        setVisible(true);
        close.requestFocus();
    }
}

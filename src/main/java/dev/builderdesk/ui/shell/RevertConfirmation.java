package dev.builderdesk.ui.shell;

import dev.builderdesk.ui.timeline.RevertViewModel;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The question before a revert, over the workspace: which run's end the draft goes back to and exactly which files
 * that undoes. Esc or Cancel keeps everything; Revert restores (and the timeline's marker offers Undo).
 */
final class RevertConfirmation extends StackPane {
    private final RevertViewModel model;
    private final Label title = new Label("Revert to this point?");
    private final Label body = new Label();
    private final Button cancel = new Button("Cancel");
    private final Button confirm = new Button("Revert");

    RevertConfirmation(RevertViewModel model) {
        this.model = model;
        createLayout();
        bindToModel();
        wireActions();
    }

    private void createLayout() {
        setId("revert-confirmation");
        getStyleClass().add("modal-scrim");
        title.getStyleClass().add("modal-title");
        body.setWrapText(true);
        body.setMinHeight(Region.USE_PREF_SIZE);
        body.setId("revert-summary");
        cancel.setId("revert-cancel");
        cancel.cancelButtonProperty().bind(visibleProperty());
        confirm.setId("revert-confirm");
        confirm.getStyleClass().add("danger");
        // Enter keeps everything: a destructive action is never the default.
        cancel.defaultButtonProperty().bind(visibleProperty());
        HBox buttons = new HBox(8, cancel, confirm);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox card = new VBox(12, title, body, buttons);
        card.getStyleClass().add("modal-card");
        card.setMaxWidth(520);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        getChildren().add(card);
        setVisible(false);
    }

    private void bindToModel() {
        model.pendingProperty().subscribe(plan -> {
            setVisible(plan != null);
            if (plan == null) {
                return;
            }
            String run = plan.run().input() == null ? "this run" : "“" + plan.run().input().strip() + "”";
            body.setText(plan.undone().isEmpty()
                    ? "The draft is already as " + run + " left it; nothing will change."
                    : "The draft goes back to how " + run + " left it. This undoes " + plan.undone().size()
                            + (plan.undone().size() == 1 ? " file: " : " files: ") + plan.files()
                            + ".\nUndo on the marker in the timeline brings those changes back.");
            cancel.requestFocus();
        });
    }

    private void wireActions() {
        cancel.setOnAction(e -> model.cancel());
        confirm.setOnAction(e -> model.confirm());
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                model.cancel();
            }
        });
    }
}

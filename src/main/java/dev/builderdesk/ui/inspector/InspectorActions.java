package dev.builderdesk.ui.inspector;

import dev.builderdesk.ui.inspector.InspectorViewModel.Action;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;

/**
 * The inspector's action bar: Cancel, Resume and Retry side by side, Revert to this point below, always all four
 * in the same places. One that does not apply is disabled, and its slot's tooltip says why (a disabled button
 * gets no mouse events, so the tooltip sits on the slot around it).
 */
final class InspectorActions extends GridPane {
    private final InspectorViewModel model;

    InspectorActions(InspectorViewModel model) {
        this.model = model;
        setId("inspector-actions");
        getStyleClass().add("inspector-actions");
        setHgap(6);
        setVgap(6);
        for (int i = 0; i < 3; i++) {
            ColumnConstraints third = new ColumnConstraints();
            third.setPercentWidth(100.0 / 3);
            third.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(third);
        }
        add(slot(Action.CANCEL, "Cancel", "inspector-cancel", model::cancel), 0, 0);
        add(slot(Action.RESUME, "Resume", "inspector-resume", model::resume), 1, 0);
        add(slot(Action.RETRY, "Retry", "inspector-retry", model::retry), 2, 0);
        add(slot(Action.REVERT, "Revert to this point", "inspector-revert", model::revert), 0, 1, 3, 1);
    }

    private StackPane slot(Action action, String text, String id, Runnable run) {
        Button button = new Button(text);
        button.setId(id);
        button.setMaxWidth(Double.MAX_VALUE);
        button.setMinWidth(USE_PREF_SIZE);
        button.disableProperty().bind(model.can(action).not());
        button.setOnAction(e -> run.run());
        StackPane slot = new StackPane(button);
        slot.setId(id + "-slot");
        slot.getStyleClass().add("inspector-action-slot");
        Tooltip why = new Tooltip();
        why.textProperty().bind(model.whyNot(action));
        model.whyNot(action).subscribe(reason -> {
            if (reason.isEmpty()) {
                Tooltip.uninstall(slot, why);
            } else {
                Tooltip.install(slot, why);
            }
        });
        return slot;
    }
}

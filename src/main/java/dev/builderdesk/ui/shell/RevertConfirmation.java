package dev.builderdesk.ui.shell;

import dev.builderdesk.ui.fx.ConfirmationSheet;
import dev.builderdesk.ui.timeline.RevertViewModel;

/**
 * The question before a revert, over the workspace: which run's end the draft goes back to and exactly which files
 * that undoes. Esc or Cancel keeps everything; Revert restores (and the timeline's marker offers Undo).
 */
final class RevertConfirmation extends ConfirmationSheet {
    RevertConfirmation(RevertViewModel model) {
        super("revert", model::cancel, model::confirm);
        model.pendingProperty().subscribe(plan -> {
            if (plan == null) {
                dismiss();
                return;
            }
            String run = plan.run().input() == null ? "this run" : "“" + plan.run().input().strip() + "”";
            ask("Revert to this point?", plan.undone().isEmpty()
                    ? "The draft is already as " + run + " left it; nothing will change."
                    : "The draft goes back to how " + run + " left it. This undoes " + plan.undone().size()
                            + (plan.undone().size() == 1 ? " file: " : " files: ") + plan.files()
                            + ".\nUndo on the marker in the timeline brings those changes back.", "Revert", true);
        });
    }
}

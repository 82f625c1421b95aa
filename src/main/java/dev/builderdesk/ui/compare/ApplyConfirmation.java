package dev.builderdesk.ui.compare;

import dev.builderdesk.protocol.RunMetrics;
import dev.builderdesk.ui.fx.ConfirmationSheet;

/**
 * The question before Apply: the attempt's result becomes the draft (and the app folder). When the draft moved since
 * the comparison started it says so, and "Apply anyway" replaces the newer draft (Undo brings it back).
 */
final class ApplyConfirmation extends ConfirmationSheet {
    ApplyConfirmation(CompareViewModel model) {
        super("compare-apply", model::cancelApply, model::confirmApply);
        model.pendingApplyProperty().subscribe(plan -> {
            if (plan == null) {
                dismiss();
                return;
            }
            String name = plan.column().titleProperty().get();
            RunMetrics m = plan.column().runProperty().get().metrics();
            String files = m == null ? "" : " (" + m.filesChanged() + (m.filesChanged() == 1 ? " file" : " files")
                    + " changed)";
            ask("Apply " + name + "'s result?", plan.draftMoved()
                    ? "The draft has changed since this comparison started. Applying replaces it with " + name
                            + "'s result" + files + "; Undo brings the current draft back."
                    : "The draft and the app folder become " + name + "'s result" + files
                            + ". Undo brings the current draft back.", plan.draftMoved() ? "Apply anyway" : "Apply",
                    plan.draftMoved());
        });
    }
}

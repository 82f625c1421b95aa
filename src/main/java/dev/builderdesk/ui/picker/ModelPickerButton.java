package dev.builderdesk.ui.picker;

import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;

/**
 * The composer's model button: "Auto" or the chosen model's name, dimmed when that model is no longer offered; a
 * click (or Ctrl+/) opens the picker. It gives up width only down to its full text, or down to its CSS
 * {@code -fx-max-width} for a long name, which then ends in an ellipsis (the tooltip has it in full): in a narrow
 * window the composer's secondary controls shrink first. CSS: {@code .model-picker-button}, pseudo-class
 * {@code :unavailable}.
 */
public final class ModelPickerButton extends Button {
    private static final PseudoClass UNAVAILABLE = PseudoClass.getPseudoClass("unavailable");

    public ModelPickerButton(ModelPickerViewModel model) {
        setId("model-picker");
        getStyleClass().add("model-picker-button");
        textProperty().bind(model.selectedProperty().map(ModelChoice::name));
        // The arrow is a graphic, so an ellipsized name keeps it.
        Label arrow = new Label("▾");
        arrow.getStyleClass().add("model-picker-button-arrow");
        setGraphic(arrow);
        setContentDisplay(ContentDisplay.RIGHT);
        setTextOverrun(OverrunStyle.ELLIPSIS);
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(model.selectedProperty().map(c -> c.name() + " · Ctrl+/ to change"));
        setTooltip(tooltip);
        model.selectedUnavailableProperty().subscribe(off -> pseudoClassStateChanged(UNAVAILABLE, off));
        setOnAction(e -> model.open());
    }

    /** In a short bar it gives way first (ellipsized, the name in its tooltip), down to this width. */
    static final double SHORTEST = 150;

    /** Its full width (up to its maximum), or less when the bar is short: Compare… and Send stay whole. */
    @Override
    protected double computeMinWidth(double height) {
        double pref = computePrefWidth(height);
        double max = getMaxWidth();
        return Math.min(SHORTEST, max > 0 ? Math.min(pref, max) : pref);
    }
}

package dev.builderdesk.ui.picker;

import javafx.css.PseudoClass;
import javafx.scene.control.Button;

/**
 * The composer's model button: "Auto" or the chosen model's name, dimmed when that model is no longer offered; a
 * click (or Ctrl+/) opens the picker. CSS: {@code .model-picker-button}, pseudo-class {@code :unavailable}.
 */
public final class ModelPickerButton extends Button {
    private static final PseudoClass UNAVAILABLE = PseudoClass.getPseudoClass("unavailable");

    public ModelPickerButton(ModelPickerViewModel model) {
        setId("model-picker");
        getStyleClass().add("model-picker-button");
        textProperty().bind(model.selectedProperty().map(c -> c.name() + "  ▾"));
        model.selectedUnavailableProperty().subscribe(off -> pseudoClassStateChanged(UNAVAILABLE, off));
        setOnAction(e -> model.open());
    }
}

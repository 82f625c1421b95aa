package dev.builderdesk.ui.picker;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.layout.Pane;

/**
 * The layer the picker panel opens in, over the whole window: the panel sits just above its anchor (the
 * composer's model button) and grows upwards; a click anywhere else closes it. Invisible, and so transparent to
 * the mouse, while the picker is closed.
 */
public final class ModelPickerOverlay extends Pane {
    private static final double GAP = 8;
    private final ModelPickerViewModel model;
    private final ModelPickerPanel panel;
    private final Node anchor;

    public ModelPickerOverlay(ModelPickerViewModel model, Node anchor) {
        this.model = model;
        this.anchor = anchor;
        this.panel = new ModelPickerPanel(model);
        setId("model-picker-overlay");
        getChildren().add(panel);
        visibleProperty().bind(model.openProperty());
        model.openProperty().subscribe(open -> {
            if (open) {
                panel.focusSearch();
            }
        });
        setOnMouseClicked(e -> {
            if (e.getTarget() == this) {
                model.close();
            }
        });
    }

    /** Above the anchor, its left edge on the anchor's, kept inside the window. */
    @Override
    protected void layoutChildren() {
        double width = panel.prefWidth(-1);
        double height = panel.prefHeight(width);
        Bounds at = sceneToLocal(anchor.localToScene(anchor.getBoundsInLocal()));
        double x = Math.max(GAP, Math.min(at.getMinX(), getWidth() - width - GAP));
        double y = Math.max(GAP, at.getMinY() - height - GAP);
        panel.resizeRelocate(x, y, width, height);
    }
}

package dev.builderdesk.ui.picker;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;

/**
 * The layer the picker panel opens in, over the whole window: the panel sits just above its anchor (the
 * composer's model button) and grows upwards; a click anywhere else closes it. Invisible, and so transparent to
 * the mouse, while the picker is closed.
 *
 * <p>Focus: opening puts the keyboard in the search field; closing (Enter, Esc, a click on a row or outside) gives it
 * to the {@linkplain #returnFocusTo focus target} if one was given, else back to the node that had it when the
 * picker opened (the model button itself when that opened it). Without this the scene would hand the focus of the
 * hidden search field to the next control in traversal order.
 */
public final class ModelPickerOverlay extends Pane {
    private static final double GAP = 8;
    private final ModelPickerViewModel model;
    private final ModelPickerPanel panel;
    private final Node anchor;
    private Node focusTarget;
    private Node focusedBefore;

    public ModelPickerOverlay(ModelPickerViewModel model, Node anchor) {
        this.model = model;
        this.anchor = anchor;
        this.panel = new ModelPickerPanel(model);
        setId("model-picker-overlay");
        getChildren().add(panel);
        visibleProperty().bind(model.openProperty());
        model.openProperty().addListener((obs, was, open) -> {
            if (open) {
                focusedBefore = getScene() == null ? null : getScene().getFocusOwner();
                panel.showOpened();
            } else {
                restoreFocus();
            }
        });
        setOnMouseClicked(e -> {
            if (e.getTarget() == this) {
                model.close();
            }
        });
    }

    /**
     * Where the keyboard goes whenever the picker closes (the window gives the composer's input), instead of the
     * node that had it when the picker opened; null goes back to that default.
     */
    public void returnFocusTo(Node target) {
        this.focusTarget = target;
    }

    private void restoreFocus() {
        Node to = focusTarget != null ? focusTarget : focusedBefore;
        focusedBefore = null;
        if (to != null && canFocus(to)) {
            to.requestFocus();
        }
    }

    /** Whether {@code node} is in this window, shown and enabled (a node that is not would refuse the focus). */
    private boolean canFocus(Node node) {
        Scene scene = getScene();
        if (scene == null || node.getScene() != scene || node.isDisabled()) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return !isInside(node, panel);
    }

    private static boolean isInside(Node node, Parent parent) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == parent) {
                return true;
            }
        }
        return false;
    }

    /** Above the anchor, its left edge on the anchor's, kept inside the window and clear of the anchor. */
    @Override
    protected void layoutChildren() {
        double width = Math.min(panel.prefWidth(-1), Math.max(0, getWidth() - 2 * GAP));
        Bounds at = sceneToLocal(anchor.localToScene(anchor.getBoundsInLocal()));
        double room = Math.max(panel.minHeight(width), at.getMinY() - 2 * GAP);
        double height = Math.min(panel.prefHeight(width), room);
        double x = Math.max(GAP, Math.min(at.getMinX(), getWidth() - width - GAP));
        double y = Math.max(GAP, at.getMinY() - height - GAP);
        panel.resizeRelocate(x, y, width, height);
    }
}

package dev.builderdesk.ui.shell;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.Region;

/**
 * Rail | timeline | inspector, each divider draggable, the rail and the inspector collapsible. The side panes
 * keep their width in pixels when the window is resized (only the timeline grows), and a collapsed pane comes
 * back at the width it had.
 */
final class WorkspaceSplit extends SplitPane {
    private final Region rail;
    private final Region centre;
    private final Region inspector;
    private final BooleanProperty railShown = new SimpleBooleanProperty(true);
    private final BooleanProperty inspectorShown = new SimpleBooleanProperty(true);
    private double railWidth = PaneLayout.DEFAULT.railWidth();
    private double inspectorWidth = PaneLayout.DEFAULT.inspectorWidth();
    private boolean placing;

    WorkspaceSplit(Region rail, Region centre, Region inspector) {
        this.rail = rail;
        this.centre = centre;
        this.inspector = inspector;
        setId("workspace-split");
        getStyleClass().add("workspace-split");
        setOrientation(Orientation.HORIZONTAL);
        SplitPane.setResizableWithParent(rail, false);
        SplitPane.setResizableWithParent(inspector, false);
        centre.setMinWidth(360);
        getItems().setAll(rail, centre, inspector);
        railShown.addListener((obs, old, shown) -> rebuild());
        inspectorShown.addListener((obs, old, shown) -> rebuild());
        // The user's drags are the widths to keep; the split's own placing is not.
        rail.widthProperty().addListener((obs, old, w) -> {
            if (!placing && getItems().contains(rail) && w.doubleValue() > 0) {
                railWidth = w.doubleValue();
            }
        });
        inspector.widthProperty().addListener((obs, old, w) -> {
            if (!placing && getItems().contains(inspector) && w.doubleValue() > 0) {
                inspectorWidth = w.doubleValue();
            }
        });
        widthProperty().addListener((obs, old, w) -> {
            if (old.doubleValue() <= 0 && w.doubleValue() > 0) {
                place();
            }
        });
    }

    BooleanProperty railShownProperty() {
        return railShown;
    }

    BooleanProperty inspectorShownProperty() {
        return inspectorShown;
    }

    double railWidth() {
        return railWidth;
    }

    double inspectorWidth() {
        return inspectorWidth;
    }

    void setWidths(double rail, double inspector) {
        this.railWidth = rail;
        this.inspectorWidth = inspector;
        place();
    }

    private void rebuild() {
        placing = true;
        try {
            if (railShown.get() && inspectorShown.get()) {
                getItems().setAll(rail, centre, inspector);
            } else if (railShown.get()) {
                getItems().setAll(rail, centre);
            } else if (inspectorShown.get()) {
                getItems().setAll(centre, inspector);
            } else {
                getItems().setAll(centre);
            }
        } finally {
            placing = false;
        }
        place();
    }

    /** Puts the dividers where the kept widths say, once the split knows its own width. */
    private void place() {
        double total = getWidth();
        if (total <= 0) {
            return;
        }
        placing = true;
        try {
            double left = railShown.get() ? Math.min(railWidth, total * 0.4) / total : 0;
            double right = inspectorShown.get() ? Math.min(inspectorWidth, total * 0.4) / total : 0;
            if (railShown.get() && inspectorShown.get()) {
                setDividerPositions(left, 1 - right);
            } else if (railShown.get()) {
                setDividerPositions(left);
            } else if (inspectorShown.get()) {
                setDividerPositions(1 - right);
            }
            layout();
        } finally {
            placing = false;
        }
    }
}

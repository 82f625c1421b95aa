package dev.builderdesk.app;

import dev.builderdesk.ui.shell.PaneLayout;
import java.util.List;
import javafx.geometry.Rectangle2D;

/**
 * Where the window was when it closed: its bounds while not maximised, whether it was maximised, and its panes.
 * Kept in {@code DATA_DIR/window.json}; a placement whose title bar is on no screen any more (a monitor unplugged)
 * is not used.
 */
record WindowPlacement(double x, double y, double width, double height, boolean maximized, PaneLayout panes) {
    /** How much of the window's top strip must be on a screen for the user to be able to grab it. */
    private static final double GRAB_WIDTH = 120;
    private static final double GRAB_HEIGHT = 40;

    WindowPlacement {
        panes = panes == null ? PaneLayout.DEFAULT : panes;
    }

    /**
     * This placement if its title bar is on one of {@code screens} (visual bounds), shrunk to fit that screen;
     * null when it is on none, or is not a usable size.
     */
    WindowPlacement onScreen(List<Rectangle2D> screens, double minWidth, double minHeight) {
        if (!(width >= minWidth && height >= minHeight) || Double.isNaN(x) || Double.isNaN(y)) {
            return null;
        }
        Rectangle2D top = new Rectangle2D(x, y, width, GRAB_HEIGHT);
        for (Rectangle2D screen : screens) {
            double overlapWidth = Math.min(top.getMaxX(), screen.getMaxX()) - Math.max(top.getMinX(),
                    screen.getMinX());
            double overlapHeight = Math.min(top.getMaxY(), screen.getMaxY()) - Math.max(top.getMinY(),
                    screen.getMinY());
            if (overlapWidth >= GRAB_WIDTH && overlapHeight >= GRAB_HEIGHT / 2) {
                double w = Math.min(width, screen.getWidth());
                double h = Math.min(height, screen.getHeight());
                double nx = Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - w));
                double ny = Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - h));
                return new WindowPlacement(nx, ny, w, h, maximized, panes);
            }
        }
        return null;
    }
}

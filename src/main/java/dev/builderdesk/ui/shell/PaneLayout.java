package dev.builderdesk.ui.shell;

/**
 * Where the user left the window's panes: the rail's and the inspector's widths (pixels, so a resized window keeps
 * them), whether each is shown, and the share of the rail's height the files list takes.
 */
public record PaneLayout(double railWidth, double inspectorWidth, boolean railShown, boolean inspectorShown,
        double filesShare) {
    private static final double DEFAULT_RAIL = 240;
    private static final double DEFAULT_INSPECTOR = 320;
    private static final double DEFAULT_FILES = 0.6;
    public static final PaneLayout DEFAULT = new PaneLayout(DEFAULT_RAIL, DEFAULT_INSPECTOR, true, true,
            DEFAULT_FILES);

    public PaneLayout {
        railWidth = clamp(railWidth, 180, 480, DEFAULT_RAIL);
        inspectorWidth = clamp(inspectorWidth, 240, 560, DEFAULT_INSPECTOR);
        filesShare = clamp(filesShare, 0.15, 0.85, DEFAULT_FILES);
    }

    private static double clamp(double value, double min, double max, double otherwise) {
        if (Double.isNaN(value) || value <= 0) {
            return otherwise;
        }
        return Math.max(min, Math.min(max, value));
    }
}

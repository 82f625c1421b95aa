package dev.builderdesk.ui.fx;

import java.util.List;
import java.util.Objects;
import javafx.scene.Parent;

/**
 * The window's stylesheets, installed once on its root. Feature views (code blocks, Markdown blocks, diffs) do not
 * add their own: a stylesheet on each of thousands of timeline nodes gives each its own CSS cache (seen as ~650 MiB
 * more heap and longer pulses while a long answer streamed).
 */
public final class Stylesheets {
    /** The theme-independent sheets, in cascade order (AtlantaFX is the user-agent sheet). */
    public static final List<String> ALL = List.of(url("/dev/builderdesk/ui/theme/app.css"),
            url("/dev/builderdesk/ui/code/code.css"), url("/dev/builderdesk/ui/markdown/markdown.css"),
            url("/dev/builderdesk/ui/diff/diff.css"), url("/dev/builderdesk/ui/shell/shell.css"),
            url("/dev/builderdesk/ui/picker/picker.css"), url("/dev/builderdesk/ui/inspector/inspector.css"),
            url("/dev/builderdesk/ui/timeline/timeline.css"), url("/dev/builderdesk/ui/threads/threads.css"),
            url("/dev/builderdesk/ui/settings/settings.css"), url("/dev/builderdesk/ui/compare/compare.css"));

    private Stylesheets() {
    }

    /** Adds every sheet to {@code root} (the window's, or a test's stage root). */
    public static void install(Parent root) {
        root.getStylesheets().addAll(ALL);
    }

    private static String url(String path) {
        return Objects.requireNonNull(Stylesheets.class.getResource(path), path).toExternalForm();
    }
}

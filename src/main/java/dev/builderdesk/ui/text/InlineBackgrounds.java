package dev.builderdesk.ui.text;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.shape.Path;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Backgrounds for runs of a {@link TextFlow} (inline code), which a {@link Text} node cannot have: a {@link Path}
 * behind the flow's text covering every Text child with a given style class, redrawn after each layout so that it
 * follows the runs when the flow wraps differently. The path is unmanaged, so the flow's text layout ignores it.
 */
public final class InlineBackgrounds {
    private InlineBackgrounds() {
    }

    /** Draws a path of style class {@code pathClass} behind the flow's Text children of class {@code textClass}. */
    public static void install(TextFlow flow, String textClass, String pathClass) {
        List<int[]> ranges = new ArrayList<>();
        int at = 0;
        for (Node child : flow.getChildren()) {
            if (child instanceof Text t) {
                int length = t.getText().length();
                if (t.getStyleClass().contains(textClass) && length > 0) {
                    ranges.add(new int[] {at, at + length});
                }
                at += length;
            }
        }
        if (ranges.isEmpty()) {
            return;
        }
        Path path = new Path();
        path.getStyleClass().add(pathClass);
        path.setManaged(false);
        path.setMouseTransparent(true);
        flow.getChildren().addFirst(path);
        flow.needsLayoutProperty().subscribe(pending -> {
            if (!pending) {
                path.getElements().clear();
                for (int[] range : ranges) {
                    path.getElements().addAll(flow.getRangeShape(range[0], range[1], false));
                }
            }
        });
    }
}

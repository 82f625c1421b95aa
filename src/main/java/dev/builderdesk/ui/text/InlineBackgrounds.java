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
 * follows the runs when the flow wraps differently or its runs change (a paragraph that grows while it streams).
 * The path is unmanaged, so the flow's text layout ignores it.
 */
public final class InlineBackgrounds {
    private static final String KEY = InlineBackgrounds.class.getName();

    private InlineBackgrounds() {
    }

    /**
     * Draws a path of style class {@code pathClass} behind the flow's Text children of class {@code textClass},
     * once the flow has such a child; calling it again for the same flow (after its runs changed) is harmless.
     */
    public static void install(TextFlow flow, String textClass, String pathClass) {
        if (flow.getProperties().containsKey(KEY) || ranges(flow, textClass).isEmpty()) {
            return;
        }
        Path path = new Path();
        path.getStyleClass().add(pathClass);
        path.setManaged(false);
        path.setMouseTransparent(true);
        // Behind the text but in front of the selection highlight, wherever that is already.
        int firstText = 0;
        while (firstText < flow.getChildren().size() && !(flow.getChildren().get(firstText) instanceof Text)) {
            firstText++;
        }
        flow.getChildren().add(firstText, path);
        flow.getProperties().put(KEY, path);
        flow.needsLayoutProperty().subscribe(pending -> {
            if (!pending) {
                path.getElements().clear();
                for (int[] range : ranges(flow, textClass)) {
                    path.getElements().addAll(flow.getRangeShape(range[0], range[1], false));
                }
            }
        });
    }

    /** The character ranges of the flow's Text children of class {@code textClass}, in the flow's text. */
    private static List<int[]> ranges(TextFlow flow, String textClass) {
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
        return ranges;
    }
}

package dev.builderdesk.ui.diff;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The size of one character and one line of code as the stylesheet sets the code font, measured on a hidden ruler
 * that the owning view puts among its children: lists of code use it for fixed row heights and for a width that
 * fits their longest line (so the horizontal scroll bar does not change as rows scroll by).
 */
final class CodeMetrics {
    private static final String SAMPLE = "0123456789".repeat(10);
    private final Text ruler = new Text(SAMPLE);
    private final ReadOnlyDoubleWrapper charWidth = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper lineHeight = new ReadOnlyDoubleWrapper();

    CodeMetrics() {
        ruler.getStyleClass().addAll("code-text", "code-plain");
        ruler.setManaged(false);
        ruler.setVisible(false);
        ruler.fontProperty().subscribe(this::measure);
    }

    /** The hidden node to add to the view, so that it gets the view's styles. */
    Text ruler() {
        return ruler;
    }

    private void measure(Font font) {
        Text probe = new Text(SAMPLE);
        probe.setFont(font);
        charWidth.set(probe.getLayoutBounds().getWidth() / SAMPLE.length());
        lineHeight.set(probe.getLayoutBounds().getHeight());
    }

    ReadOnlyDoubleProperty charWidthProperty() {
        return charWidth.getReadOnlyProperty();
    }

    /** The height of a line of code text. */
    ReadOnlyDoubleProperty lineHeightProperty() {
        return lineHeight.getReadOnlyProperty();
    }

    /** The height of a row of a code list: the line and some air. */
    double rowHeight() {
        return Math.ceil(lineHeight.get() * 1.5);
    }
}

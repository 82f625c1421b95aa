package dev.builderdesk.ui.fx;

import java.util.function.Function;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.util.Callback;

/**
 * List cells that show one line of text per item and never widen the list: long text ends in an ellipsis and the
 * whole text is in the row's tooltip.
 */
public final class TextCells {
    private TextCells() {
    }

    public static <T> Callback<ListView<T>, ListCell<T>> of(Function<T, String> text) {
        return list -> new ListCell<>() {
            private final Tooltip whole = new Tooltip();

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
                whole.setText(getText());
                setTooltip(getText() == null ? null : whole);
                // Width 0: the list never scrolls sideways, whatever the text's length.
                setPrefWidth(0);
            }
        };
    }
}

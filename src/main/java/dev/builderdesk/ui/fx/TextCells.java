package dev.builderdesk.ui.fx;

import java.util.function.Function;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.util.Callback;

/** List cells that show one line of text per item and never widen the list (long text ends in an ellipsis). */
public final class TextCells {
    private TextCells() {
    }

    public static <T> Callback<ListView<T>, ListCell<T>> of(Function<T, String> text) {
        return list -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
                // Width 0: the list never scrolls sideways, whatever the text's length.
                setPrefWidth(0);
            }
        };
    }
}

package dev.builderdesk.ui.inspector;

import dev.builderdesk.ui.inspector.InspectorViewModel.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The inspector's details as a two-column grid: labels left-aligned in a column as wide as the longest, values in
 * the rest, on a shared baseline. A one-line value that does not fit is ellipsized and gets its full text as a
 * tooltip; prose wraps; an id shows its first eight characters and a Copy button that copies all of it.
 */
final class InspectorGrid extends GridPane {
    private static final PseudoClass COPIED = PseudoClass.getPseudoClass("copied");

    InspectorGrid() {
        setId("inspector-grid");
        getStyleClass().add("inspector-grid");
        setHgap(10);
        setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHgrow(Priority.NEVER);
        labels.setHalignment(HPos.LEFT);
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(0);
        // Not the values' one-line width: rows of wrapping prose get their height for the width they really get.
        values.setPrefWidth(0);
        values.setFillWidth(true);
        getColumnConstraints().setAll(labels, values);
    }

    void show(List<Field> fields) {
        getChildren().clear();
        Map<String, Integer> seen = new HashMap<>();
        int row = 0;
        for (Field f : fields) {
            String base = f.label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            int n = seen.merge(base, 1, Integer::sum);
            String id = n == 1 ? base : base + "-" + n;
            Label key = new Label(f.label());
            key.setId("inspector-key-" + id);
            key.getStyleClass().add("inspector-key");
            key.setMinWidth(Region.USE_PREF_SIZE);
            Node value = switch (f.kind()) {
                case ID -> idValue(f, id);
                case NOTE -> note(f.value(), id);
                case TEXT -> text(f.value(), id);
                case CODE -> {
                    Label code = text(f.value(), id);
                    code.getStyleClass().add("inspector-code");
                    yield code;
                }
            };
            // A baseline row is as tall as its one-line height; prose, which wraps, sits on the row's top instead.
            VPos align = f.kind() == InspectorViewModel.Kind.NOTE ? VPos.TOP : VPos.BASELINE;
            GridPane.setValignment(key, align);
            GridPane.setValignment(value, align);
            add(key, 0, row);
            add(value, 1, row);
            row++;
        }
    }

    private static Label text(String text, String id) {
        Label value = new Label(text);
        value.setId("inspector-value-" + id);
        value.getStyleClass().add("inspector-value");
        value.setTextOverrun(OverrunStyle.ELLIPSIS);
        value.setMinWidth(0);
        value.setMaxWidth(Double.MAX_VALUE);
        Tooltip full = new Tooltip(text);
        // The tooltip only where the text is cut: a tooltip repeating "0" would be noise.
        value.widthProperty().subscribe(w -> value.setTooltip(w.doubleValue() + 0.5 < value.prefWidth(-1) ? full
                : null));
        return value;
    }

    private static Label note(String text, String id) {
        Label value = new Label(text);
        value.setId("inspector-value-" + id);
        value.getStyleClass().addAll("inspector-value", "inspector-note");
        value.setWrapText(true);
        value.setMinWidth(0);
        value.setMaxWidth(Double.MAX_VALUE);
        value.setMinHeight(Region.USE_PREF_SIZE);
        return value;
    }

    private static HBox idValue(Field f, String id) {
        Label shortId = new Label(f.shown());
        shortId.setId("inspector-value-" + id);
        shortId.getStyleClass().addAll("inspector-value", "inspector-id");
        shortId.setMinWidth(Region.USE_PREF_SIZE);
        shortId.setTooltip(new Tooltip(f.value()));
        Button copy = new Button("Copy");
        copy.setId("inspector-copy-" + id);
        copy.getStyleClass().add("inspector-copy");
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.setFocusTraversable(false);
        copy.setTooltip(new Tooltip("Copy the full id: " + f.value()));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(f.value());
            Clipboard.getSystemClipboard().setContent(content);
            copy.pseudoClassStateChanged(COPIED, true);
        });
        copy.hoverProperty().subscribe(hover -> {
            if (!hover) {
                copy.pseudoClassStateChanged(COPIED, false);
            }
        });
        HBox box = new HBox(6, shortId, copy);
        box.setAlignment(Pos.BASELINE_LEFT);
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }
}

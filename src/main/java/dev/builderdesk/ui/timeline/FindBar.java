package dev.builderdesk.ui.timeline;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The find bar over the timeline (Ctrl+F): the query, "3 of 12", previous / next, close. Enter goes to the next
 * match, Shift+Enter to the previous one, Esc closes the bar and hands the keyboard back via {@link #onClosed}.
 */
public final class FindBar extends HBox {
    private final TimelineFind find;
    private final TextField field = new TextField();
    private final Label summary = new Label();
    private final Button previous = new Button("↑");
    private final Button next = new Button("↓");
    private final Button close = new Button("✕");
    private Runnable onClosed = () -> { };

    public FindBar(TimelineFind find) {
        this.find = find;
        createLayout();
        bindToModel();
        wireActions();
    }

    /** What runs after the bar closed (the shell focuses the composer). */
    public void setOnClosed(Runnable action) {
        this.onClosed = action;
    }

    /** Opens the bar with its field focused and its text selected, so typing replaces the last query. */
    public void open() {
        find.show();
        field.requestFocus();
        field.selectAll();
    }

    private void createLayout() {
        setId("find-bar");
        getStyleClass().add("find-bar");
        setSpacing(6);
        field.setId("find-field");
        field.setPromptText("Find in this thread");
        field.getStyleClass().add("find-field");
        HBox.setHgrow(field, Priority.ALWAYS);
        field.setMaxWidth(420);
        summary.setId("find-summary");
        summary.getStyleClass().add("find-summary");
        summary.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        previous.setId("find-previous");
        next.setId("find-next");
        close.setId("find-close");
        previous.setTooltip(new Tooltip("Previous match (Shift+Enter)"));
        next.setTooltip(new Tooltip("Next match (Enter)"));
        close.setTooltip(new Tooltip("Close (Esc)"));
        for (Button b : new Button[] {previous, next, close}) {
            b.getStyleClass().addAll("flat", "find-button");
            b.setFocusTraversable(false);
        }
        getChildren().addAll(field, summary, previous, next, close);
    }

    private void bindToModel() {
        field.textProperty().bindBidirectional(find.queryProperty());
        summary.textProperty().bind(find.summaryProperty());
        visibleProperty().bind(find.openProperty());
        managedProperty().bind(visibleProperty());
        previous.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(find.matchKeys()));
        next.disableProperty().bind(previous.disableProperty());
    }

    private void wireActions() {
        previous.setOnAction(e -> find.previous());
        next.setOnAction(e -> find.next());
        close.setOnAction(e -> hide());
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                if (e.isShiftDown()) {
                    find.previous();
                } else {
                    find.next();
                }
            } else if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                hide();
            }
        });
    }

    private void hide() {
        find.hide();
        onClosed.run();
    }
}

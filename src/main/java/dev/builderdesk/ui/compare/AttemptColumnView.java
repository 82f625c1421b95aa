package dev.builderdesk.ui.compare;

import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.ui.timeline.TimelineActions;
import dev.builderdesk.ui.timeline.TimelineView;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One attempt's column: its title and status pill, its rows (the same timeline as a thread, scrolling on its own),
 * and what can be done with it — Stop while it runs; its changes, Apply and Continue once it ended; a 1–5 rating.
 */
final class AttemptColumnView extends VBox {
    /** Room left beside a title before its rating goes under it. */
    private static final double SPARE = 16;

    private final Tooltip applyTip = new Tooltip("Make this attempt's result the app's draft (asks first; Undo after)");
    private final Tooltip nothingToApply = new Tooltip("This attempt changed nothing: there is no result to apply");
    private final AttemptColumn column;
    private final CompareViewModel model;
    private final Label title = new Label();
    private final Label status = new Label();
    private final Button stop = new Button("Stop");
    private final Button changes = new Button("Changes");
    private final Button apply = new Button("Apply");
    private final Button continueWith = new Button("Continue");
    private final ToggleButton[] starButtons = new ToggleButton[5];
    private final HBox header = new HBox(8);
    private final HBox ratingLine = new HBox();
    /** The title line and, when they do not fit beside the title, the stars under it. */
    private final VBox head = new VBox(2);
    private final HBox stars;
    private boolean placing;
    /** The column's width when its title was last found cut beside the rating. */
    private double movedDownAt;

    AttemptColumnView(AttemptColumn column, CompareViewModel model, TimelineActions actions) {
        this.column = column;
        this.model = model;
        this.stars = starBar(column.letter() == null ? column.runId() : column.letter());
        createLayout(actions);
        bindToModel();
        wireActions(actions);
    }

    private void createLayout(TimelineActions actions) {
        getStyleClass().add("compare-column");
        String id = column.letter() == null ? column.runId() : column.letter();
        setId("compare-column-" + id);
        title.getStyleClass().add("compare-column-title");
        title.setMinWidth(0);
        status.getStyleClass().addAll("timeline-chip", "compare-status");
        status.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // The rating sits by the title (the footer's buttons take the width of a narrow column); where the title
        // would be cut to make room for it, it goes on a line of its own under the title.
        header.getChildren().setAll(title, spacer, stars, status);
        header.setAlignment(Pos.CENTER_LEFT);
        ratingLine.managedProperty().bind(ratingLine.visibleProperty());
        ratingLine.setVisible(false);
        head.getChildren().setAll(header, ratingLine);
        head.getStyleClass().add("compare-column-header");
        // Listeners on this column's own properties: they go with it, nothing to dispose.
        widthProperty().subscribe(w -> placeRatingLater());
        column.titleProperty().subscribe(t -> placeRatingLater());
        title.widthProperty().subscribe(w -> placeRatingLater());

        TimelineView rows = new TimelineView(column.thread().timeline(), actions);
        VBox.setVgrow(rows, Priority.ALWAYS);
        // The rows give way in a short column: at their own minimum they would run under the footer, which then
        // hides the end of the last row while the list believes it shows it.
        rows.setMinHeight(0);

        stop.setId("compare-stop-" + id);
        changes.setId("compare-changes-" + id);
        apply.setId("compare-apply-" + id);
        continueWith.setId("compare-continue-" + id);
        changes.setTooltip(new Tooltip("What this attempt changed, file by file"));
        HBox footer = new HBox(6, stop, changes, apply, continueWith);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.getStyleClass().add("compare-column-footer");
        for (Button b : new Button[] {stop, changes, apply, continueWith}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        getChildren().addAll(head, rows, footer);
    }

    /**
     * Moves the rating under the title when the title is cut beside it, back beside it once the column is wider
     * than it was then and they fit — after the layout pass that changed a width, not during it.
     */
    private void placeRatingLater() {
        if (!placing) {
            placing = true;
            Platform.runLater(this::placeRating);
        }
    }

    private void placeRating() {
        placing = false;
        double width = getWidth();
        if (width <= 0) {
            return;
        }
        boolean inline = stars.getParent() == header;
        if (inline && title.getWidth() > 0 && title.getWidth() + 0.5 < title.prefWidth(-1)) {
            // What the layout did, not an estimate: the title was cut ("Numbat…").
            ratingLine.getChildren().setAll(stars);
            ratingLine.setVisible(true);
            movedDownAt = width;
        } else if (!inline && width > movedDownAt && fitsOneLine(width)) {
            // Only a wider column tries the one line again: the same width would cut the title again.
            header.getChildren().add(2, stars);
            ratingLine.setVisible(false);
        }
    }

    /** Whether title, rating and status fit on one line of {@code width}, with a star's width to spare. */
    private boolean fitsOneLine(double width) {
        double around = 0;
        for (Insets in : new Insets[] {header.getInsets(), head.getInsets(), getInsets()}) {
            around += in.getLeft() + in.getRight();
        }
        return title.prefWidth(-1) + stars.prefWidth(-1) + status.prefWidth(-1) + 3 * header.getSpacing() + around
                + SPARE <= width;
    }

    private HBox starBar(String id) {
        HBox bar = new HBox(0);
        bar.getStyleClass().add("compare-stars");
        bar.setMinWidth(Region.USE_PREF_SIZE);
        for (int i = 0; i < starButtons.length; i++) {
            int value = i + 1;
            ToggleButton star = new ToggleButton();
            star.setId("compare-rate-" + id + "-" + value);
            star.getStyleClass().addAll("flat", "compare-star");
            star.setFocusTraversable(false);
            star.setTooltip(new Tooltip("Rate " + value + " of 5 (or press " + value + " in this column)"));
            star.setOnAction(e -> column.ratingProperty().set(column.ratingProperty().get() == value ? 0 : value));
            starButtons[i] = star;
            bar.getChildren().add(star);
        }
        return bar;
    }

    private void bindToModel() {
        title.textProperty().bind(column.titleProperty());
        Tooltip full = new Tooltip();
        full.textProperty().bind(column.titleProperty());
        title.setTooltip(full);
        column.runProperty().subscribe(this::showStatus);
        column.thread().runningProperty().subscribe(running -> showStatus(column.runProperty().get()));
        stop.disableProperty().bind(column.thread().runningProperty().not());
        continueWith.disableProperty().bind(model.hiddenProperty());
        continueWith.tooltipProperty().bind(Bindings.createObjectBinding(() -> new Tooltip(model.hiddenProperty()
                .get() ? "Save the verdict first: blind mode hides the model"
                        : "Open this attempt as a thread and go on with its model"), model.hiddenProperty()));
        column.ratingProperty().subscribe(rating -> {
            for (int i = 0; i < starButtons.length; i++) {
                starButtons[i].setSelected(i < rating.intValue());
                starButtons[i].setText(i < rating.intValue() ? "★" : "☆");
            }
        });
    }

    private void showStatus(Run run) {
        RunStatus s = column.status();
        boolean ended = s.isSettled() && !column.thread().runningProperty().get();
        status.setText(run.status());
        status.getStyleClass().removeIf(c -> c.startsWith("timeline-chip-"));
        status.getStyleClass().add("timeline-chip-" + switch (s) {
            case COMPLETED -> "completed";
            case FAILED -> "failed";
            case CANCELLED, PAUSED -> "cancelled";
            default -> "running";
        });
        boolean result = ended && run.checkpointRevisionId() != null;
        changes.setDisable(!ended || run.resultRevisionId() == null);
        apply.setDisable(!result);
        apply.setTooltip(ended && !result ? nothingToApply : applyTip);
    }

    private void wireActions(TimelineActions actions) {
        stop.setOnAction(e -> model.stop(column));
        apply.setOnAction(e -> model.askApply(column));
        continueWith.setOnAction(e -> model.continueWith(column));
        changes.setOnAction(e -> actions.openChanges(column.runProperty().get()));
        // A click anywhere in the column gives it the keyboard (a control that takes focus on press still does).
        // On the click, not the press: the strip of columns, a scroll pane, takes the focus on the press.
        addEventFilter(MouseEvent.MOUSE_CLICKED, e -> {
            if (!isFocusWithin()) {
                requestFocus();
            }
        });
        // 1–5 rate the attempt whose column has the keyboard, 0 clears its rating (the stars take no Tab stop).
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() || e.isAltDown() || e.getTarget() instanceof TextInputControl) {
                return;
            }
            int digit = switch (e.getCode()) {
                case DIGIT0, NUMPAD0 -> 0;
                case DIGIT1, NUMPAD1 -> 1;
                case DIGIT2, NUMPAD2 -> 2;
                case DIGIT3, NUMPAD3 -> 3;
                case DIGIT4, NUMPAD4 -> 4;
                case DIGIT5, NUMPAD5 -> 5;
                default -> -1;
            };
            if (digit >= 0) {
                e.consume();
                column.ratingProperty().set(digit);
            }
        });
    }
}

package dev.builderdesk.ui.picker;

import java.util.Locale;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * A row of the picker's list: a section header, or a model with ✓ when it is the current one, its name and
 * provider (both ellipsized, the full name and id in the row's tooltip), then its badges and ☆ at the right edge,
 * always at their full size. The cell never widens the list: the panel decides the width, so a long id ends in an
 * ellipsis instead of a horizontal scroll bar. Its nodes are made once and only updated when the cell is reused.
 */
final class ModelPickerCell extends ListCell<ModelPickerViewModel.Row> {
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private final ModelPickerViewModel model;
    private final Consumer<ModelChoice> starred;
    private final Label header = new Label();
    private final Label check = new Label("✓");
    private final Label name = new Label();
    private final Label detail = new Label();
    private final Label context = new Label();
    private final Label noTools = new Label("no tools");
    private final Label star = new Label();
    private final HBox trailing = new HBox(6, context, noTools, star);
    private final Line line = new Line();
    private final Tooltip tooltip = new Tooltip();

    /** {@code starred}: the ☆ of a row was clicked (the model is starred or unstarred, not chosen). */
    ModelPickerCell(ModelPickerViewModel model, Consumer<ModelChoice> starred) {
        this.model = model;
        this.starred = starred;
        header.getStyleClass().add("model-picker-header-label");
        check.getStyleClass().add("model-picker-check");
        name.getStyleClass().add("model-picker-name");
        detail.getStyleClass().add("model-picker-provider");
        context.getStyleClass().add("model-picker-badge");
        noTools.getStyleClass().addAll("model-picker-badge", "model-picker-badge-warn");
        star.getStyleClass().add("model-picker-star");
        trailing.setAlignment(Pos.CENTER_RIGHT);
        trailing.setMinWidth(Region.USE_PREF_SIZE);
        for (Label badge : new Label[] {context, noTools, star}) {
            badge.setMinWidth(Region.USE_PREF_SIZE);
            badge.managedProperty().bind(badge.visibleProperty());
        }
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(520);
        setText(null);
        // Width 0: the list never scrolls sideways, whatever the row's content; the list's width decides.
        setPrefWidth(0);
        star.setOnMouseClicked(e -> {
            e.consume();
            if (getItem() instanceof ModelPickerViewModel.Row.Choice c) {
                starred.accept(c.choice());
            }
        });
        // A header is not a row to pick: a press on it neither selects nor chooses.
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (!(getItem() instanceof ModelPickerViewModel.Row.Choice)) {
                e.consume();
            }
        });
        setOnMouseClicked(e -> {
            if (e.getTarget() != star && getItem() instanceof ModelPickerViewModel.Row.Choice c) {
                model.choose(c.choice());
            }
        });
    }

    @Override
    protected void updateItem(ModelPickerViewModel.Row row, boolean empty) {
        super.updateItem(row, empty);
        getStyleClass().removeAll("model-picker-header", "model-picker-row");
        pseudoClassStateChanged(CURRENT, false);
        setTooltip(null);
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        switch (row) {
            case ModelPickerViewModel.Row.Header h -> {
                getStyleClass().add("model-picker-header");
                header.setText(h.title().toUpperCase(Locale.ROOT));
                setGraphic(header);
            }
            case ModelPickerViewModel.Row.Choice c -> {
                getStyleClass().add("model-picker-row");
                show(c.choice());
                setGraphic(line);
            }
        }
    }

    private void show(ModelChoice choice) {
        boolean current = choice.equals(model.selectedProperty().get());
        pseudoClassStateChanged(CURRENT, current);
        check.setVisible(current);
        name.setText(choice.name());
        // An id-like name ("accounts/fireworks/models/…") says the most at both ends; a name at its start.
        name.setTextOverrun(choice.name().contains("/") ? OverrunStyle.CENTER_ELLIPSIS : OverrunStyle.ELLIPSIS);
        detail.setText(choice.isAuto() ? model.autoHintProperty().get() : choice.provider());
        context.setVisible(choice.contextWindow() != null);
        context.setText(choice.contextWindow() == null ? "" : (choice.contextWindow() / 1000) + "k");
        noTools.setVisible(!choice.supportsTools());
        star.setVisible(!choice.isAuto());
        star.setText(model.isFavourite(choice.id()) ? "★" : "☆");
        star.setId(choice.isAuto() ? null : "model-picker-star-" + choice.id());
        String hint = detail.getText();
        tooltip.setText(!choice.isAuto() ? choice.details() : "Auto: the server picks the model for each message"
                + (hint.isEmpty() ? "" : "\n" + Character.toUpperCase(hint.charAt(0)) + hint.substring(1)));
        setTooltip(tooltip);
    }

    /**
     * A model row's line: the badges and ☆ take their full width at the right edge, the ✓ column its fixed width at
     * the left; the name gets the rest but for a share kept for the provider, and both end in an ellipsis when
     * they do not fit.
     */
    private final class Line extends Region {
        private static final double GAP = 8;
        private static final double PROVIDER_SHARE = 0.3;

        Line() {
            getStyleClass().add("model-picker-line");
            getChildren().addAll(check, name, detail, trailing);
        }

        @Override
        protected double computePrefWidth(double height) {
            Insets in = getInsets();
            return in.getLeft() + check.prefWidth(-1) + GAP + name.prefWidth(-1) + GAP + detail.prefWidth(-1) + GAP
                    + trailing.prefWidth(-1) + in.getRight();
        }

        @Override
        protected double computeMinWidth(double height) {
            Insets in = getInsets();
            return in.getLeft() + check.prefWidth(-1) + GAP + trailing.prefWidth(-1) + in.getRight();
        }

        @Override
        protected double computePrefHeight(double width) {
            Insets in = getInsets();
            double h = Math.max(Math.max(name.prefHeight(-1), detail.prefHeight(-1)), trailing.prefHeight(-1));
            return in.getTop() + h + in.getBottom();
        }

        @Override
        protected void layoutChildren() {
            Insets in = getInsets();
            double top = in.getTop();
            double height = getHeight() - top - in.getBottom();
            double left = in.getLeft();
            double right = getWidth() - in.getRight();
            double trailingWidth = snapSizeX(trailing.prefWidth(-1));
            layoutInArea(trailing, right - trailingWidth, top, trailingWidth, height, 0, HPos.RIGHT, VPos.CENTER);
            double checkWidth = snapSizeX(check.prefWidth(-1));
            layoutInArea(check, left, top, checkWidth, height, 0, HPos.LEFT, VPos.CENTER);
            double start = left + checkWidth + GAP;
            double room = Math.max(0, right - trailingWidth - GAP - start);
            double namePref = snapSizeX(name.prefWidth(-1));
            double detailPref = detail.getText() == null || detail.getText().isEmpty() ? 0
                    : snapSizeX(detail.prefWidth(-1));
            double nameWidth;
            double detailWidth;
            if (namePref + GAP + detailPref <= room) {
                nameWidth = namePref;
                detailWidth = detailPref;
            } else {
                double kept = Math.min(detailPref, room * PROVIDER_SHARE);
                nameWidth = Math.max(0, Math.min(namePref, room - GAP - kept));
                detailWidth = Math.max(0, Math.min(detailPref, room - GAP - nameWidth));
            }
            detail.setVisible(detailWidth > 0);
            // Name and provider share a baseline (the provider's font is smaller), the line centred on the name.
            double baseline = snapPositionY((height - name.prefHeight(-1)) / 2) + name.getBaselineOffset();
            layoutInArea(name, start, top, nameWidth, height, baseline, HPos.LEFT, VPos.BASELINE);
            layoutInArea(detail, start + nameWidth + GAP, top, detailWidth, height, baseline, HPos.LEFT,
                    VPos.BASELINE);
        }
    }
}

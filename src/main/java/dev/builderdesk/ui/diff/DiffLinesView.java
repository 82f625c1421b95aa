package dev.builderdesk.ui.diff;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/**
 * The virtualised list of a diff's rows (file headers, hunk headers, lines), one fixed-height cell per row, as wide
 * as the longest line so it scrolls sideways instead of wrapping. Cells build each kind of row once and then only
 * swap text.
 */
final class DiffLinesView extends ListView<DiffRow> {
    static final PseudoClass ADDED = PseudoClass.getPseudoClass("added");
    static final PseudoClass REMOVED = PseudoClass.getPseudoClass("removed");
    static final PseudoClass CONTEXT = PseudoClass.getPseudoClass("context");
    static final PseudoClass BLANK = PseudoClass.getPseudoClass("blank");
    static final PseudoClass HUNK = PseudoClass.getPseudoClass("hunk");
    static final PseudoClass FILE = PseudoClass.getPseudoClass("file");
    static final PseudoClass NOTE = PseudoClass.getPseudoClass("note");
    /** Digits of the line-number gutters, plus one column of air. */
    private static final int GUTTER_COLUMNS = 6;

    private final DiffHighlights highlights = new DiffHighlights();
    private final IntegerProperty maxColumns = new SimpleIntegerProperty();
    private final DoubleBinding gutterWidth;
    private final DoubleBinding codeWidth;
    private final DoubleBinding sideWidth;
    private final DoubleBinding sideOverflow;
    private final ScrollBar sideScroll = new ScrollBar();

    DiffLinesView(CodeMetrics metrics) {
        getStyleClass().add("diff-lines");
        gutterWidth = Bindings.createDoubleBinding(() -> GUTTER_COLUMNS * metrics.charWidthProperty().get(),
                metrics.charWidthProperty());
        // The sign column, the longest line and a little padding on the right.
        codeWidth = Bindings.createDoubleBinding(() -> (maxColumns.get() + 4) * metrics.charWidthProperty().get(),
                maxColumns, metrics.charWidthProperty());
        // Each side of the split layout takes half the list; its code scrolls sideways under fixed line numbers,
        // both sides together, by the bar below the list (or a sideways wheel).
        sideWidth = Bindings.createDoubleBinding(() -> Math.max(0, Math.floor((getWidth() - 16) / 2)),
                widthProperty());
        sideOverflow = Bindings.createDoubleBinding(() -> Math.max(0, gutterWidth.get() + codeWidth.get()
                - sideWidth.get()), gutterWidth, codeWidth, sideWidth);
        sideScroll.getStyleClass().add("diff-side-scroll");
        sideScroll.setMin(0);
        sideScroll.maxProperty().bind(sideOverflow);
        sideScroll.visibleAmountProperty().bind(sideWidth);
        sideScroll.unitIncrementProperty().bind(metrics.charWidthProperty().multiply(4));
        sideScroll.blockIncrementProperty().bind(sideWidth.multiply(0.8));
        sideOverflow.subscribe(max -> sideScroll.setValue(Math.min(sideScroll.getValue(), max.doubleValue())));
        addEventFilter(ScrollEvent.SCROLL, e -> {
            double dx = e.getDeltaX() != 0 ? e.getDeltaX() : e.isShiftDown() ? e.getDeltaY() : 0;
            if (dx != 0 && sideScroll.isVisible()) {
                e.consume();
                sideScroll.setValue(Math.clamp(sideScroll.getValue() - dx, 0, sideScroll.getMax()));
            }
        });
        metrics.lineHeightProperty().subscribe(h -> {
            if (h.doubleValue() > 0) {
                setFixedCellSize(metrics.rowHeight());
            }
        });
        setCellFactory(v -> new RowCell());
    }

    /** The longest line in characters; the list is that wide. */
    IntegerProperty maxColumnsProperty() {
        return maxColumns;
    }

    /**
     * The sideways scroll bar of the split layout, for the host to put under the list; it shows only when the
     * rows are split and a line is wider than its half.
     */
    ScrollBar sideScrollBar() {
        return sideScroll;
    }

    /** Whether the rows are split, so the side scroll bar may show. */
    void setSplit(boolean split) {
        sideScroll.visibleProperty().unbind();
        sideScroll.visibleProperty().bind(sideOverflow.greaterThan(0).and(new SimpleBooleanProperty(split)));
        sideScroll.managedProperty().bind(sideScroll.visibleProperty());
        if (!split) {
            sideScroll.setValue(0);
        }
    }

    /** Forgets the computed highlights (the rows now show other files). */
    void forgetHighlights() {
        highlights.clear();
    }

    private static Label gutter(DoubleBinding width) {
        Label l = new Label();
        l.getStyleClass().add("diff-gutter");
        l.setAlignment(Pos.CENTER_RIGHT);
        l.setTextOverrun(OverrunStyle.CLIP);
        l.minWidthProperty().bind(width);
        l.prefWidthProperty().bind(width);
        l.maxWidthProperty().bind(width);
        return l;
    }

    private static Label sign() {
        Label l = new Label();
        l.getStyleClass().add("diff-sign");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static String number(int n) {
        return n > 0 ? Integer.toString(n) : "";
    }

    /** +, − (U+2212) or a space. */
    static String signOf(UnifiedDiff.Line line) {
        return switch (line.kind()) {
            case ADDED -> "+";
            case REMOVED -> "\u2212";
            case CONTEXT -> " ";
        };
    }

    /** One side of a split row: the line number, the sign and the code. */
    private final class Side extends HBox {
        final Label number = gutter(gutterWidth);
        final Label sign = sign();
        final HBox code = new HBox();
        final Pane window = new Pane(code);

        Side() {
            getStyleClass().add("diff-side");
            setAlignment(Pos.CENTER_LEFT);
            code.getStyleClass().add("diff-code");
            code.setAlignment(Pos.CENTER_LEFT);
            code.minHeightProperty().bind(window.heightProperty());
            code.translateXProperty().bind(sideScroll.valueProperty().negate());
            Rectangle clip = new Rectangle();
            clip.widthProperty().bind(window.widthProperty());
            clip.heightProperty().bind(window.heightProperty());
            window.setClip(clip);
            window.setMinWidth(0);
            window.setMaxHeight(Double.MAX_VALUE);
            HBox.setHgrow(window, Priority.ALWAYS);
            getChildren().addAll(number, sign, window);
            minWidthProperty().bind(sideWidth);
            prefWidthProperty().bind(sideWidth);
            maxWidthProperty().bind(sideWidth);
        }

        void show(DiffRow.Split row, UnifiedDiff.Line line, boolean left) {
            pseudoClassStateChanged(BLANK, line == null);
            pseudoClassStateChanged(ADDED, line != null && line.kind() == UnifiedDiff.Kind.ADDED);
            pseudoClassStateChanged(REMOVED, line != null && line.kind() == UnifiedDiff.Kind.REMOVED);
            if (line == null) {
                number.setText("");
                sign.setText(" ");
                code.getChildren().clear();
                return;
            }
            number.setText(number(left ? line.oldLine() : line.newLine()));
            sign.setText(signOf(line));
            code.getChildren().setAll(CodeNodes.render(line.text(), highlights.of(row.file(), row.hunk(), line)));
        }
    }

    /** A cell that shows any kind of row; each kind's nodes are made the first time it is needed. */
    private final class RowCell extends ListCell<DiffRow> {
        private HBox line;
        private Label oldNumber;
        private Label newNumber;
        private Label lineSign;
        private HBox lineCode;
        private HBox split;
        private Side left;
        private Side right;
        private HBox fileHeader;
        private Label fileChange;
        private Label filePath;
        private Label fileAdded;
        private Label fileRemoved;
        private Label plain;

        RowCell() {
            getStyleClass().add("diff-row");
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(DiffRow row, boolean empty) {
            super.updateItem(row, empty);
            for (PseudoClass p : List.of(ADDED, REMOVED, CONTEXT, HUNK, FILE, NOTE)) {
                pseudoClassStateChanged(p, false);
            }
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            setGraphic(switch (row) {
                case DiffRow.Code c -> code(c);
                case DiffRow.Split s -> split(s);
                case DiffRow.FileHeader f -> file(f.file());
                case DiffRow.HunkHeader h -> {
                    pseudoClassStateChanged(HUNK, true);
                    yield plain(h.hunk().header());
                }
                case DiffRow.Note n -> {
                    pseudoClassStateChanged(NOTE, true);
                    yield plain(n.text());
                }
            });
        }

        private Node code(DiffRow.Code row) {
            if (line == null) {
                oldNumber = gutter(gutterWidth);
                newNumber = gutter(gutterWidth);
                lineSign = sign();
                lineCode = new HBox();
                lineCode.getStyleClass().add("diff-code");
                lineCode.setAlignment(Pos.CENTER_LEFT);
                lineCode.minWidthProperty().bind(codeWidth);
                line = new HBox(oldNumber, newNumber, lineSign, lineCode);
                line.getStyleClass().add("diff-line");
                line.setAlignment(Pos.CENTER_LEFT);
            }
            UnifiedDiff.Line l = row.line();
            pseudoClassStateChanged(ADDED, l.kind() == UnifiedDiff.Kind.ADDED);
            pseudoClassStateChanged(REMOVED, l.kind() == UnifiedDiff.Kind.REMOVED);
            pseudoClassStateChanged(CONTEXT, l.kind() == UnifiedDiff.Kind.CONTEXT);
            oldNumber.setText(number(l.oldLine()));
            newNumber.setText(number(l.newLine()));
            lineSign.setText(signOf(l));
            lineCode.getChildren().setAll(CodeNodes.render(l.text(), highlights.of(row.file(), row.hunk(), l)));
            return line;
        }

        private Node split(DiffRow.Split row) {
            if (split == null) {
                left = new Side();
                left.getStyleClass().add("diff-side-left");
                right = new Side();
                right.getStyleClass().add("diff-side-right");
                split = new HBox(left, right);
                split.getStyleClass().add("diff-split-row");
            }
            left.show(row, row.left(), true);
            right.show(row, row.right(), false);
            return split;
        }

        private Node file(DiffFile file) {
            if (fileHeader == null) {
                fileChange = new Label();
                fileChange.getStyleClass().add("diff-change");
                filePath = new Label();
                filePath.getStyleClass().add("diff-file-path");
                fileAdded = new Label();
                fileAdded.getStyleClass().add("diff-count-added");
                fileRemoved = new Label();
                fileRemoved.getStyleClass().add("diff-count-removed");
                fileHeader = new HBox(8, fileChange, filePath, fileAdded, fileRemoved);
                fileHeader.getStyleClass().add("diff-file-header");
                fileHeader.setAlignment(Pos.CENTER_LEFT);
            }
            pseudoClassStateChanged(FILE, true);
            DiffFiles.styleChange(fileChange, file.change());
            filePath.setText(DiffFiles.title(file));
            fileAdded.setText("+" + file.linesAdded());
            fileRemoved.setText("\u2212" + file.linesRemoved());
            return fileHeader;
        }

        private Node plain(String text) {
            if (plain == null) {
                plain = new Label();
                plain.getStyleClass().add("diff-plain");
                plain.setTextOverrun(OverrunStyle.CLIP);
                plain.setMinWidth(Region.USE_PREF_SIZE);
            }
            plain.setText(text);
            return plain;
        }
    }
}

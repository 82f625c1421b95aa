package dev.builderdesk.ui.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.text.TextAlignment;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.Node;

/**
 * A GFM table as a {@link GridPane} ({@code md-table}) of selectable cells ({@code md-table-cell}, header cells
 * also {@code md-table-header}), aligned per column as the delimiter row says, in a horizontally scrolling pane
 * ({@code md-table-scroll}) for tables wider than the view. Cells wrap beyond a maximum width set in CSS.
 */
final class TableRenderer {
    private TableRenderer() {
    }

    static ScrollPane render(TableBlock table, Consumer<String> linkOpener, Consumer<TextFlow> selectable) {
        List<List<TextFlow>> rows = new ArrayList<>();
        TableGrid grid = new TableGrid(rows);
        grid.getStyleClass().add("md-table");
        int row = 0;
        int columns = 0;
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            boolean head = section instanceof TableHead;
            for (Node r = section.getFirstChild(); r != null; r = r.getNext()) {
                if (!(r instanceof TableRow)) {
                    continue;
                }
                int col = 0;
                List<TextFlow> cells = new ArrayList<>();
                rows.add(cells);
                for (Node c = r.getFirstChild(); c != null; c = c.getNext()) {
                    if (c instanceof TableCell cell) {
                        TextFlow flow = new TextFlow();
                        flow.getStyleClass().add("md-table-cell");
                        if (head || cell.isHeader()) {
                            flow.getStyleClass().add("md-table-header");
                        }
                        if (row % 2 == 0 && !head) {
                            flow.getStyleClass().add("md-table-even");
                        }
                        // The borders belong to the cells, the outer ones to the first row and column: a grid
                        // taller than its rows (it fills the viewport) then draws no border below the last row.
                        if (row == 0) {
                            flow.getStyleClass().add("md-table-first-row");
                        }
                        if (col == 0) {
                            flow.getStyleClass().add("md-table-first-column");
                        }
                        InlineRenderer.render(cell, flow, linkOpener);
                        flow.setTextAlignment(alignment(cell.getAlignment()));
                        selectable.accept(flow);
                        GridPane.setFillWidth(flow, true);
                        GridPane.setFillHeight(flow, true);
                        GridPane.setValignment(flow, VPos.TOP);
                        grid.add(flow, col, row);
                        cells.add(flow);
                        if (row == 0) {
                            ColumnConstraints constraints = new ColumnConstraints();
                            constraints.setHalignment(hpos(cell.getAlignment()));
                            constraints.setHgrow(Priority.NEVER);
                            grid.getColumnConstraints().add(constraints);
                        }
                        col++;
                    }
                }
                columns = Math.max(columns, col);
                row++;
            }
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.getStyleClass().add("md-table-scroll");
        scroll.setFitToHeight(true);
        scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroll.setMinWidth(0);
        grid.viewport = scroll;
        scroll.getProperties().put("md-table-columns", columns);
        return scroll;
    }

    /**
     * The table's grid, which tells its scroll pane how tall the viewport must be once its cells have their
     * widths. Neither the grid's height (with fit-to-height it is the viewport's) nor its pref height (which
     * ignores cells that wrap) will do.
     */
    private static final class TableGrid extends GridPane {
        private final List<List<TextFlow>> rows;
        private ScrollPane viewport;

        TableGrid(List<List<TextFlow>> rows) {
            this.rows = rows;
        }

        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            double height = snappedTopInset() + snappedBottomInset();
            for (List<TextFlow> cells : rows) {
                double row = 0;
                for (TextFlow cell : cells) {
                    row = Math.max(row, cell.prefHeight(cell.getWidth()));
                }
                height += snapSizeY(row);
            }
            if (viewport != null && Math.abs(viewport.getPrefViewportHeight() - height) > 0.5) {
                double need = height;
                // A size request made during layout is lost; the next pulse lays the scroll pane out again.
                Platform.runLater(() -> {
                    viewport.setMinViewportHeight(need);
                    viewport.setPrefViewportHeight(need);
                });
            }
        }
    }

    private static TextAlignment alignment(TableCell.Alignment alignment) {
        if (alignment == null) {
            return TextAlignment.LEFT;
        }
        return switch (alignment) {
            case CENTER -> TextAlignment.CENTER;
            case RIGHT -> TextAlignment.RIGHT;
            case LEFT -> TextAlignment.LEFT;
        };
    }

    private static HPos hpos(TableCell.Alignment alignment) {
        if (alignment == null) {
            return HPos.LEFT;
        }
        return switch (alignment) {
            case CENTER -> HPos.CENTER;
            case RIGHT -> HPos.RIGHT;
            case LEFT -> HPos.LEFT;
        };
    }
}

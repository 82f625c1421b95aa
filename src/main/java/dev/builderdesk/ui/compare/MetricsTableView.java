package dev.builderdesk.ui.compare;

import dev.builderdesk.compare.CompareTable;
import java.util.List;
import javafx.geometry.HPos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The metrics table under the columns: one row per measurement, one column per attempt, the best value of a row
 * marked (✓ and bold), and "Differences only" to hide the rows where every attempt measured the same.
 */
final class MetricsTableView extends VBox {
    private final CompareViewModel model;
    private final GridPane grid = new GridPane();
    private final CheckBox differencesOnly = new CheckBox("Differences only");
    private final ScrollPane scroll = new ScrollPane(grid);

    MetricsTableView(CompareViewModel model) {
        this.model = model;
        createLayout();
        bindToModel();
    }

    private void createLayout() {
        getStyleClass().add("compare-metrics");
        setId("compare-metrics");
        Label heading = new Label("Metrics");
        heading.getStyleClass().add("compare-section-title");
        differencesOnly.setId("compare-differences-only");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, heading, spacer, differencesOnly);
        grid.getStyleClass().add("compare-metrics-grid");
        grid.setId("compare-metrics-grid");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("compare-metrics-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(bar, scroll);
    }

    private void bindToModel() {
        differencesOnly.selectedProperty().bindBidirectional(model.differencesOnlyProperty());
        model.tableProperty().subscribe(this::fill);
        model.differencesOnlyProperty().subscribe(on -> fill(model.tableProperty().get()));
    }

    private void fill(CompareTable table) {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        if (table == null) {
            return;
        }
        List<CompareTable.Column> columns = table.columns();
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().add(names);
        for (int i = 0; i < columns.size(); i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setHgrow(Priority.ALWAYS);
            c.setHalignment(HPos.RIGHT);
            // Never narrower than the title or a value: the table scrolls sideways instead of overlapping them.
            c.setMinWidth(Region.USE_PREF_SIZE);
            grid.getColumnConstraints().add(c);
            Label title = cell(columns.get(i).title(), "compare-metrics-head");
            title.setTooltip(new Tooltip(columns.get(i).title()));
            grid.add(title, i + 1, 0);
        }
        int r = 1;
        for (CompareTable.MetricRow row : table.rows(model.differencesOnlyProperty().get())) {
            grid.add(cell(row.label(), "compare-metrics-name"), 0, r);
            for (int i = 0; i < row.cells().size(); i++) {
                boolean best = row.best() == i;
                Label value = cell(best ? "✓ " + row.cells().get(i) : row.cells().get(i), "compare-metrics-cell");
                value.setId("metric-" + row.key() + "-" + i);
                if (best) {
                    value.getStyleClass().add("compare-metrics-best");
                    value.setTooltip(new Tooltip("Best " + row.label().toLowerCase(java.util.Locale.ROOT)));
                }
                grid.add(value, i + 1, r);
            }
            r++;
        }
        if (r == 1) {
            grid.add(cell("Every attempt measured the same.", "compare-metrics-name"), 0, 1, columns.size() + 1, 1);
        }
        // The table is as wide as its widest cells: the charts beside it give way first in a narrow window.
        if (getScene() != null) {
            grid.applyCss();
            double width = grid.prefWidth(-1) + 14;
            scroll.setMinViewportWidth(width);
            scroll.setPrefViewportWidth(width);
        }
    }

    private static Label cell(String text, String style) {
        Label label = new Label(text);
        label.getStyleClass().add(style);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}

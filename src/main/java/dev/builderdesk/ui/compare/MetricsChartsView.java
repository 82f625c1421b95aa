package dev.builderdesk.ui.compare;

import dev.builderdesk.compare.CompareTable;
import java.util.List;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * Three small bar charts beside the table — duration (seconds), output tokens and tool failures per attempt — drawn
 * from the table's own values, so the chart and the table never disagree.
 */
final class MetricsChartsView extends HBox {
    private final BarChart<String, Number> duration = chart("Duration (s)", "compare-chart-duration");
    private final BarChart<String, Number> tokens = chart("Output tokens", "compare-chart-tokens");
    private final BarChart<String, Number> failures = chart("Tool failures", "compare-chart-failures");

    MetricsChartsView(CompareViewModel model) {
        super(8);
        getStyleClass().add("compare-charts");
        setId("compare-charts");
        getChildren().addAll(duration, tokens, failures);
        model.tableProperty().subscribe(this::fill);
    }

    private static BarChart<String, Number> chart(String title, String id) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setId(id);
        chart.setTitle(title);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setCategoryGap(8);
        chart.setBarGap(0);
        chart.setMinWidth(110);
        chart.setPrefWidth(200);
        chart.getStyleClass().add("compare-chart");
        HBox.setHgrow(chart, Priority.ALWAYS);
        return chart;
    }

    private void fill(CompareTable table) {
        plot(duration, table, "duration_ms", 1000.0);
        plot(tokens, table, "output_tokens", 1.0);
        plot(failures, table, "tool_failures", 1.0);
    }

    private static void plot(BarChart<String, Number> chart, CompareTable table, String key, double scale) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        if (table != null) {
            List<CompareTable.Column> columns = table.columns();
            CompareTable.MetricRow row = table.rows().stream().filter(r -> r.key().equals(key)).findFirst()
                    .orElse(null);
            for (int i = 0; i < columns.size(); i++) {
                Double value = row == null ? null : row.values().get(i);
                // Not measured (still running, or stopped before it): no bar, rather than a "best" zero.
                if (value != null) {
                    series.getData().add(new XYChart.Data<>(axisName(columns.get(i), i), value / scale));
                }
            }
        }
        chart.getData().setAll(List.of(series));
    }

    /** The letter where there is one (the bars are narrow); the table's header gives the whole title. */
    private static String axisName(CompareTable.Column column, int index) {
        return column.label() != null ? column.label() : String.valueOf((char) ('A' + index));
    }
}

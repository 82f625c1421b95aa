package dev.builderdesk.ui.compare;

import dev.builderdesk.compare.CompareTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

/**
 * Three small bar charts beside the table — duration (seconds), output tokens and tool failures per attempt — drawn
 * from the table's own values, so the chart and the table never disagree.
 */
final class MetricsChartsView extends HBox {
    private final BarChart<String, Number> duration = chart("Duration (s)", "compare-chart-duration", false);
    private final BarChart<String, Number> tokens = chart("Output tokens", "compare-chart-tokens", true);
    private final BarChart<String, Number> failures = chart("Tool failures", "compare-chart-failures", true);

    MetricsChartsView(CompareViewModel model) {
        super(8);
        getStyleClass().add("compare-charts");
        setId("compare-charts");
        getChildren().addAll(duration, tokens, failures);
        model.tableProperty().subscribe(this::fill);
    }

    /** {@code count}: whole numbers, read short on the axis ("1.5k"). */
    private static BarChart<String, Number> chart(String title, String id, boolean count) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        if (count) {
            y.setTickLabelFormatter(new StringConverter<>() {
                @Override
                public String toString(Number n) {
                    return shortCount(n.doubleValue());
                }

                @Override
                public Number fromString(String text) {
                    throw new UnsupportedOperationException("the axis only shows its labels");
                }
            });
        }
        // The letters stay upright: turned sideways they read as other letters.
        x.setTickLabelRotation(0);
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setId(id);
        chart.setTitle(title);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setCategoryGap(8);
        chart.setBarGap(0);
        chart.setMinWidth(100);
        chart.setPrefWidth(200);
        chart.getStyleClass().add("compare-chart");
        HBox.setHgrow(chart, Priority.ALWAYS);
        return chart;
    }

    private void fill(CompareTable table) {
        plot(duration, table, "duration_ms", 1000.0);
        plot(tokens, table, "output_tokens", 1.0);
        plot(failures, table, "tool_failures", 1.0);
        wholeNumbers(tokens);
        wholeNumbers(failures);
    }

    /**
     * A count's axis ticks at whole numbers (no "0.25 failures"), at most five of them, read short ("1.5k"): the
     * axis's labels then leave the narrow plot room for the bars and their letters.
     */
    private static void wholeNumbers(BarChart<String, Number> chart) {
        NumberAxis y = (NumberAxis) chart.getYAxis();
        double max = chart.getData().get(0).getData().stream().mapToDouble(d -> d.getYValue().doubleValue()).max()
                .orElse(0);
        double unit = niceUnit(Math.max(1, max) / 4);
        y.setAutoRanging(false);
        y.setLowerBound(0);
        y.setTickUnit(unit);
        // A unit of headroom above the tallest bar: a bar that fills the plot reads as "off the scale".
        y.setUpperBound(Math.floor(max / unit) * unit + unit);
    }

    /** The smallest of 1, 2, 5 × 10ⁿ (n ≥ 0) that is at least {@code raw}. */
    static double niceUnit(double raw) {
        double unit = 1;
        while (true) {
            for (double step : new double[] {1, 2, 5}) {
                if (step * unit >= raw) {
                    return step * unit;
                }
            }
            unit *= 10;
        }
    }

    /** 950 → "950", 1,500 → "1.5k", 12,000 → "12k", 2,500,000 → "2.5M". */
    static String shortCount(double n) {
        if (Math.abs(n) >= 1_000_000) {
            return trim(n / 1_000_000) + "M";
        }
        if (Math.abs(n) >= 1_000) {
            return trim(n / 1_000) + "k";
        }
        return trim(n);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static void plot(BarChart<String, Number> chart, CompareTable table, String key, double scale) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        if (table != null) {
            List<CompareTable.Column> columns = table.columns();
            // Every attempt has its place on each chart, measured or not: the letters line up across the charts.
            List<String> letters = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                letters.add(axisName(columns.get(i), i));
            }
            ((CategoryAxis) chart.getXAxis()).setCategories(FXCollections.observableArrayList(letters));
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

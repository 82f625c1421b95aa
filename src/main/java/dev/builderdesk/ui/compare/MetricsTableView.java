package dev.builderdesk.ui.compare;

import dev.builderdesk.compare.CompareTable;
import dev.builderdesk.protocol.CompareGroup;
import dev.builderdesk.protocol.VerifyResult;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
import javafx.util.Duration;

/**
 * The metrics table under the columns: one row per measurement, one column per attempt, the best value of a row
 * marked (✓ and bold), and "Differences only" to hide the rows where every attempt measured the same. A Verify
 * cell's tooltip holds the end of the command's output.
 */
final class MetricsTableView extends VBox {
    private static final int TOOLTIP_LINES = 20;
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
                String text = row.cells().get(i);
                // A passed verify reads "✓ 3.2 s" already: the best one is marked by its weight alone.
                Label value = cell(best && !text.startsWith("✓") ? "✓ " + text : text, "compare-metrics-cell");
                value.setId("metric-" + row.key() + "-" + i);
                String verifyOutput = row.key().equals(CompareTable.Metric.VERIFY.key())
                        ? verifyTooltip(columns.get(i).runId()) : null;
                if (verifyOutput != null) {
                    Tooltip tip = new Tooltip((best ? "Best verify result\n\n" : "") + verifyOutput);
                    tip.getStyleClass().add("compare-verify-output");
                    tip.setShowDuration(Duration.INDEFINITE);
                    value.setTooltip(tip);
                } else if (best) {
                    value.setTooltip(new Tooltip("Best " + row.label().toLowerCase(Locale.ROOT)));
                }
                if (best) {
                    value.getStyleClass().add("compare-metrics-best");
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

    /**
     * What the Verify cell's tooltip shows: the command's status, exit code and duration, then the end of its
     * output (the last lines the server kept); null when the attempt was not verified or the table was imported.
     */
    private String verifyTooltip(String runId) {
        CompareGroup g = model.groupProperty().get();
        if (g == null) {
            return null;
        }
        VerifyResult v = g.runs().stream().filter(r -> r.runId().equals(runId) && r.metrics() != null)
                .map(r -> r.metrics().verify()).filter(Objects::nonNull).findFirst().orElse(null);
        if (v == null) {
            return null;
        }
        String head = switch (v.status()) {
            case VerifyResult.PASSED -> "Passed (exit 0)";
            case VerifyResult.FAILED -> "Failed with exit " + v.exitCode();
            case VerifyResult.TIMED_OUT -> "Stopped at its timeout";
            default -> "Could not be started";
        } + " after " + CompareTable.millis(v.durationMs())
                + (v.sandboxFillMs() == null || v.sandboxFillMs() == 0 ? "" : "; writing out the attempt's files took "
                        + CompareTable.millis(v.sandboxFillMs()) + " before it");
        String tail = v.outputTail() == null ? "" : v.outputTail().strip();
        List<String> lines = tail.lines().toList();
        if (lines.size() > TOOLTIP_LINES) {
            tail = "…\n" + String.join("\n", lines.subList(lines.size() - TOOLTIP_LINES, lines.size()));
        }
        return tail.isEmpty() ? head + "; no output." : head + ". The end of its output:\n\n" + tail;
    }

    private static Label cell(String text, String style) {
        Label label = new Label(text);
        label.getStyleClass().add(style);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}

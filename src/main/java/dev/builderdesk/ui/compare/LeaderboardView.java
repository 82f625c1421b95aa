package dev.builderdesk.ui.compare;

import dev.builderdesk.compare.CompareTable;
import dev.builderdesk.compare.Leaderboard;
import dev.builderdesk.protocol.App;
import java.util.List;
import java.util.Locale;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

/**
 * The leaderboard: one row per model, strongest first — verdicts, wins / losses / ties, mean rating, median
 * duration and output tokens, tool-failure and verify pass rates, and the Bradley–Terry strength with its 95 %
 * interval ("n more verdicts needed" before the fifth). Filter by app.
 */
final class LeaderboardView extends VBox {
    /** Two lines where a heading has two words: the table then fits a 1024 px window. */
    private static final List<String> HEADINGS = List.of("Model", "Verdicts", "W / L / T", "Mean\nrating",
            "Median\nduration", "Median\noutput tokens", "Tool-failure\nrate", "Verify\npass rate",
            "Strength\n(95 % CI)");
    private final LeaderboardViewModel model;
    private final GridPane grid = new GridPane();
    private final ComboBox<App> app = new ComboBox<>();
    private final Label note = new Label();

    LeaderboardView(LeaderboardViewModel model) {
        super(10);
        this.model = model;
        createLayout();
        bindToModel();
    }

    private void createLayout() {
        setId("compare-leaderboard");
        getStyleClass().add("compare-leaderboard");
        setMaxWidth(1100);
        Label heading = new Label("Your leaderboard");
        heading.getStyleClass().add("modal-title");
        Label explain = new Label("From your saved verdicts: a winner beats every other model of its comparison, a"
                + " tie counts half a win each way. Strength is a Bradley–Terry fit — twice the strength, twice the"
                + " odds of winning — with its 95 % interval.");
        explain.setWrapText(true);
        explain.getStyleClass().add("compare-hint");
        app.setId("leaderboard-app");
        app.setPromptText("All apps");
        app.setButtonCell(appCell());
        app.setCellFactory(l -> appCell());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, heading, spacer, new Label("App"), app);
        bar.setAlignment(Pos.CENTER_LEFT);
        grid.setId("leaderboard-grid");
        grid.getStyleClass().add("compare-metrics-grid");
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("compare-metrics-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        note.getStyleClass().add("compare-hint");
        note.setId("leaderboard-note");
        getChildren().addAll(bar, explain, scroll, note);
    }

    private static ListCell<App> appCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(App item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "All apps" : item.name());
            }
        };
    }

    private void bindToModel() {
        app.setItems(model.apps());
        app.valueProperty().bindBidirectional(model.filterProperty());
        model.boardProperty().subscribe(this::fill);
        model.messageProperty().subscribe(text -> {
            if (!text.isEmpty()) {
                note.setText(text);
            }
        });
    }

    private void fill(Leaderboard board) {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        for (int i = 0; i < HEADINGS.size(); i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setHalignment(i == 0 ? HPos.LEFT : HPos.RIGHT);
            c.setHgrow(i == 0 ? Priority.ALWAYS : Priority.NEVER);
            grid.getColumnConstraints().add(c);
            Label heading = cell(HEADINGS.get(i), "compare-metrics-head");
            heading.setTextAlignment(i == 0 ? TextAlignment.LEFT : TextAlignment.RIGHT);
            GridPane.setValignment(heading, VPos.BOTTOM);
            grid.add(heading, i, 0);
        }
        if (board == null) {
            return;
        }
        int r = 1;
        for (Leaderboard.Entry e : board.entries()) {
            List<String> cells = List.of(e.name() == null ? e.modelId() : e.name(), String.valueOf(e.verdicts()),
                    e.wins() + " / " + e.losses() + " / " + e.ties(),
                    e.meanRating() == null ? "—" : String.format(Locale.ROOT, "%.1f ★", e.meanRating()),
                    e.medianDurationMs() == null ? "—" : CompareTable.millis(Math.round(e.medianDurationMs())),
                    e.medianOutputTokens() == null ? "—" : CompareTable.count(Math.round(e.medianOutputTokens())),
                    percent(e.toolFailureRate()), e.verifyPassRate() == null ? "—" : percent(e.verifyPassRate()),
                    e.strengthText());
            for (int i = 0; i < cells.size(); i++) {
                Label label = cell(cells.get(i), i == 0 ? "compare-metrics-head" : "compare-metrics-cell");
                label.setId("leaderboard-" + r + "-" + i);
                if (i == cells.size() - 1 && e.strength() == null) {
                    label.getStyleClass().add("compare-metrics-name");
                    label.setTooltip(new Tooltip("A strength is shown from " + Leaderboard.MIN_VERDICTS
                            + " verdicts on"));
                }
                grid.add(label, i, r);
            }
            r++;
        }
        note.setText(board.entries().isEmpty()
                ? "No verdicts yet: save one under a finished comparison and its models appear here."
                : board.verdicts() + (board.verdicts() == 1 ? " verdict" : " verdicts") + " counted.");
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.0f %%", rate * 100);
    }

    private static Label cell(String text, String style) {
        Label label = new Label(text);
        label.getStyleClass().add(style);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}

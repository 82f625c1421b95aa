package dev.builderdesk.ui.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.ui.diff.PatchPreview;
import dev.builderdesk.ui.fx.Durations;
import java.util.Optional;
import javafx.geometry.VPos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A tool card: one row (icon, intent label, summary, duration, Details toggle) and, when open, a two-column grid
 * of every diagnostic field, whether the agent recovered, and the pretty-printed input and output. A timeline cell
 * keeps one and updates it for each item it shows, so scrolling and streaming create no new nodes for closed cards.
 */
final class ToolCardView extends VBox {
    private static final int MAX_VALUE_CHARS = 4000;
    private final Label icon = new Label();
    private final Label label = new Label();
    private final Label summary = new Label();
    private final Label meta = new Label();
    private final Label toggle = new Label();
    private final HBox row;

    ToolCardView() {
        getStyleClass().add("timeline-tool");
        icon.getStyleClass().add("timeline-tool-icon");
        label.getStyleClass().add("timeline-tool-label");
        label.setMinWidth(Region.USE_PREF_SIZE);
        summary.getStyleClass().add("timeline-tool-summary");
        summary.setTextOverrun(OverrunStyle.ELLIPSIS);
        summary.setMinWidth(0);
        summary.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(summary, Priority.ALWAYS);
        meta.getStyleClass().add("timeline-tool-meta");
        meta.setMinWidth(Region.USE_PREF_SIZE);
        toggle.getStyleClass().add("timeline-tool-toggle");
        toggle.setMinWidth(Region.USE_PREF_SIZE);
        row = new HBox(10, icon, label, summary, meta, toggle);
        row.getStyleClass().add("timeline-tool-row");
        getChildren().add(row);
    }

    /** Shows a tool call: its row always, its details only when open (built then, not on every update). */
    void show(TimelineItem.ToolCall t, boolean open) {
        String summary = t.state() == TimelineItem.ToolCall.State.FAILED && !t.diagnostics().isEmpty()
                ? failureSummary(t.diagnostics().get(0)) : lineCounts(t);
        showRow(iconOf(t.state()), t.label(), summary, meta(t), open);
        showDetails(open ? details(t) : null);
    }

    /** Shows a group ("Explored N files", "Listing files ×30"); open, it lists each call with its duration. */
    void show(TimelineItem.ToolGroup g, boolean open) {
        showRow("✓", g.title(), g.targets(), Durations.format(g.durationMs()), open);
        GridPane grid = null;
        if (open) {
            grid = grid();
            int r = 0;
            for (TimelineItem.ToolCall call : g.calls()) {
                grid.addRow(r++, key(Durations.format(call.durationMs())), value(call.label()));
            }
        }
        showDetails(grid);
    }

    /** Whether a clicked node is the card's header row (which toggles it), not its details (which are read). */
    boolean rowContains(javafx.scene.Node node) {
        for (var n = node; n != null && n != this; n = n.getParent()) {
            if (n == row) {
                return true;
            }
        }
        return false;
    }

    private void showRow(String iconText, String labelText, String summaryText, String metaText, boolean open) {
        icon.setText(iconText);
        label.setText(labelText);
        summary.setText(summaryText);
        meta.setText(metaText);
        toggle.setText(open ? "Hide ▴" : "Details ▾");
    }

    private void showDetails(Region details) {
        if (getChildren().size() > 1) {
            getChildren().remove(1);
        }
        if (details != null) {
            getChildren().add(details);
        }
    }

    /** The compact failure text: code, then the short message. */
    static String failureSummary(Diagnostic d) {
        return (d.code() == null ? "" : d.code() + " · ") + d.message();
    }

    private static String meta(TimelineItem.ToolCall t) {
        return t.state() == TimelineItem.ToolCall.State.RUNNING ? "running…" : Durations.format(t.durationMs());
    }

    private static String iconOf(TimelineItem.ToolCall.State state) {
        return switch (state) {
            case RUNNING -> "◌";
            case DONE -> "✓";
            case FAILED -> "✕";
        };
    }

    private static Region details(TimelineItem.ToolCall t) {
        GridPane grid = grid();
        int r = 0;
        for (Diagnostic d : t.diagnostics()) {
            r = field(grid, r, "code", d.code());
            r = field(grid, r, "field", d.field());
            r = field(grid, r, "fields", d.fields() == null ? null : String.join(", ", d.fields()));
            r = field(grid, r, "patch_failure_count", d.patchFailureCount() == null ? null
                    : d.patchFailureCount().toString());
            r = field(grid, r, "recommended_refresh", d.recommendedRefresh() == null ? null
                    : d.recommendedRefresh().path() + " lines " + d.recommendedRefresh().startLine() + "–"
                            + d.recommendedRefresh().endLine());
            r = field(grid, r, "message", d.message());
        }
        r = field(grid, r, "after", switch (t.recovery()) {
            case RECOVERED -> "the agent recovered: a later call on " + t.target() + " succeeded ✓";
            case NOT_RECOVERED -> "not recovered before the run ended";
            case PENDING -> "waiting to see whether the agent recovers…";
            case NONE -> null;
        });
        Optional<PatchPreview> change = preview(t);
        if (change.isPresent()) {
            // The change is what the reader wants; the raw JSON stays one click away.
            grid.add(change.get(), 0, r++, 2, 1);
            Hyperlink raw = new Hyperlink("Show raw input and output");
            raw.setId("tool-raw-toggle");
            grid.add(raw, 0, r, 2, 1);
            int at = r;
            raw.setOnAction(e -> {
                grid.getChildren().remove(raw);
                int next = field(grid, at, "input", pretty(t.input()));
                field(grid, next, "output", pretty(t.output()));
            });
            return grid;
        }
        r = field(grid, r, "input", pretty(t.input()));
        field(grid, r, "output", pretty(t.output()));
        return grid;
    }

    /** The diff of a write or patch call: the write's own diff when the tool reported one, else from its input. */
    private static Optional<PatchPreview> preview(TimelineItem.ToolCall t) {
        JsonNode written = t.output() == null ? null : t.output().path("unified_diff");
        if (written != null && written.isTextual() && !written.asText().isEmpty()) {
            return Optional.of(PatchPreview.of(t.output().path("path").asText(""), written.asText()));
        }
        return PatchPreview.ofToolCall(t.tool(), t.input(), null);
    }

    /** "+12 −14" for a write or patch that changed lines; empty otherwise. */
    private static String lineCounts(TimelineItem.ToolCall t) {
        if (t.output() == null || t.state() != TimelineItem.ToolCall.State.DONE) {
            return "";
        }
        long added = t.output().path("lines_added").asLong(0);
        long removed = t.output().path("lines_removed").asLong(0);
        for (JsonNode applied : t.output().path("applied")) {
            added += applied.path("lines_added").asLong(0);
            removed += applied.path("lines_removed").asLong(0);
        }
        return added == 0 && removed == 0 ? "" : "+" + added + " \u2212" + removed;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(3);
        grid.getStyleClass().add("timeline-tool-details");
        return grid;
    }

    private static int field(GridPane grid, int row, String name, String text) {
        if (text == null || text.isBlank()) {
            return row;
        }
        grid.addRow(row, key(name), value(text.length() > MAX_VALUE_CHARS
                ? text.substring(0, MAX_VALUE_CHARS) + "…" : text));
        return row + 1;
    }

    private static Label key(String name) {
        Label key = new Label(name);
        key.getStyleClass().add("timeline-detail-key");
        key.setMinWidth(Region.USE_PREF_SIZE);
        GridPane.setValignment(key, VPos.TOP);
        return key;
    }

    private static Label value(String text) {
        Label value = new Label(text);
        value.getStyleClass().add("timeline-detail-value");
        value.setWrapText(true);
        value.setMinWidth(0);
        value.setMinHeight(Region.USE_PREF_SIZE);
        GridPane.setHgrow(value, Priority.ALWAYS);
        return value;
    }

    /** JSON indented for reading (done here, when a card opens, not for every event). */
    private static String pretty(JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return null;
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            return json.toString();
        }
    }
}

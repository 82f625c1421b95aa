package dev.builderdesk.ui.timeline;

import dev.builderdesk.protocol.Diagnostic;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The one cell type of the timeline. Tool rows expand on click to show their input, output and every diagnostic
 * field; a failure is a compact red row (tool, target, message, code) until expanded.
 */
public final class TimelineCell extends ListCell<TimelineItem> {
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");
    private static final PseudoClass EXPANDED = PseudoClass.getPseudoClass("expanded");

    private final java.util.Set<String> expanded;

    public TimelineCell(java.util.Set<String> expanded) {
        this.expanded = expanded;
        getStyleClass().add("timeline-cell");
        setOnMouseClicked(e -> {
            if (getItem() instanceof TimelineItem.ToolCall call) {
                if (!expanded.remove(call.spanId())) {
                    expanded.add(call.spanId());
                }
                updateItem(getItem(), false);
            }
        });
    }

    @Override
    protected void updateItem(TimelineItem item, boolean empty) {
        super.updateItem(item, empty);
        pseudoClassStateChanged(FAILED, false);
        pseudoClassStateChanged(RUNNING, false);
        pseudoClassStateChanged(EXPANDED, false);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        setGraphic(switch (item) {
            case TimelineItem.UserTurn u -> bubble("timeline-user", "You", u.text());
            case TimelineItem.AssistantTurn a -> assistant(a);
            case TimelineItem.ToolCall t -> tool(t);
            case TimelineItem.Thinking t -> note("timeline-thinking", "Thinking…");
            case TimelineItem.Notice n -> note("timeline-notice", n.text());
            case TimelineItem.RunOutcome o -> outcome(o);
        });
    }

    private Region bubble(String style, String who, String text) {
        Label author = new Label(who);
        author.getStyleClass().add("timeline-author");
        Label body = new Label(text);
        body.setWrapText(true);
        body.getStyleClass().add("timeline-text");
        body.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(author, body);
        box.getStyleClass().addAll("timeline-bubble", style);
        box.maxWidthProperty().bind(widthProperty().subtract(32));
        body.maxWidthProperty().bind(widthProperty().subtract(56));
        return box;
    }

    private Region assistant(TimelineItem.AssistantTurn a) {
        Label author = new Label(a.modelLabel());
        author.getStyleClass().add("timeline-author");
        MarkdownView body = new MarkdownView(a.text());
        body.maxWidthProperty().bind(widthProperty().subtract(56));
        VBox box = new VBox(author, body);
        box.getStyleClass().addAll("timeline-bubble", "timeline-assistant");
        box.maxWidthProperty().bind(widthProperty().subtract(32));
        return box;
    }

    private Region tool(TimelineItem.ToolCall t) {
        boolean open = expanded.contains(t.spanId());
        pseudoClassStateChanged(FAILED, t.state() == TimelineItem.ToolCall.State.FAILED);
        pseudoClassStateChanged(RUNNING, t.state() == TimelineItem.ToolCall.State.RUNNING);
        pseudoClassStateChanged(EXPANDED, open);
        Label icon = new Label(iconOf(t.state()));
        icon.getStyleClass().add("timeline-tool-icon");
        Label label = new Label(t.label());
        label.getStyleClass().add("timeline-tool-label");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label meta = new Label(t.state() == TimelineItem.ToolCall.State.RUNNING ? "running"
                : t.durationMs() < 1 ? "<1 ms" : t.durationMs() + " ms");
        meta.getStyleClass().add("timeline-tool-meta");
        HBox row = new HBox(8, icon, label, spacer, meta);
        row.getStyleClass().add("timeline-tool-row");
        VBox box = new VBox(row);
        box.getStyleClass().add("timeline-tool");
        fitWidth(box);
        if (t.state() == TimelineItem.ToolCall.State.FAILED && !t.diagnostics().isEmpty()) {
            Diagnostic d = t.diagnostics().get(0);
            Label summary = new Label(d.message() + (d.code() == null ? "" : "  ·  " + d.code()));
            summary.getStyleClass().add("timeline-failure-summary");
            summary.setWrapText(true);
            summary.setMinHeight(Region.USE_PREF_SIZE);
            box.getChildren().add(summary);
        }
        if (open) {
            box.getChildren().add(details(t));
        }
        return box;
    }

    /** Rows take the list's width, never their content's, so long lines wrap instead of scrolling sideways. */
    private void fitWidth(Region region) {
        region.setMinWidth(0);
        region.prefWidthProperty().bind(widthProperty().subtract(28));
        region.maxWidthProperty().bind(widthProperty().subtract(28));
    }

    private static String iconOf(TimelineItem.ToolCall.State state) {
        return switch (state) {
            case RUNNING -> "◌";
            case DONE -> "✓";
            case FAILED -> "✕";
        };
    }

    private static Region details(TimelineItem.ToolCall t) {
        VBox details = new VBox(4);
        details.getStyleClass().add("timeline-tool-details");
        for (Diagnostic d : t.diagnostics()) {
            field(details, "code", d.code());
            field(details, "field", d.field());
            field(details, "fields", d.fields() == null ? null : String.join(", ", d.fields()));
            field(details, "patch_failure_count", d.patchFailureCount() == null ? null
                    : d.patchFailureCount().toString());
            field(details, "recommended refresh", d.recommendedRefresh() == null ? null : d.recommendedRefresh()
                    .path() + " lines " + d.recommendedRefresh().startLine() + "–" + d.recommendedRefresh().endLine());
            field(details, "message", d.message());
        }
        field(details, "input", pretty(t.inputJson()));
        field(details, "output", pretty(t.outputJson()));
        return details;
    }

    /** JSON indented for reading; anything that is not JSON as it is. */
    private static String pretty(String json) {
        if (json == null) {
            return null;
        }
        try {
            var node = dev.builderdesk.protocol.Json.mapper().readTree(json);
            return dev.builderdesk.protocol.Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (java.io.IOException e) {
            return json;
        }
    }

    private static void field(VBox box, String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        Label key = new Label(name);
        key.getStyleClass().add("timeline-detail-key");
        Label val = new Label(value.length() > 4000 ? value.substring(0, 4000) + "…" : value);
        val.getStyleClass().add("timeline-detail-value");
        val.setWrapText(true);
        val.setMinWidth(0);
        val.setMinHeight(Region.USE_PREF_SIZE);
        box.getChildren().add(new VBox(key, val));
    }

    private static Region note(String style, String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll("timeline-note", style);
        return label;
    }

    private Region outcome(TimelineItem.RunOutcome o) {
        Label chip = new Label(o.status());
        chip.getStyleClass().addAll("timeline-chip", "timeline-chip-" + o.status());
        Label message = new Label(o.message());
        message.getStyleClass().add("timeline-outcome-message");
        message.setWrapText(true);
        HBox box = new HBox(8, chip, message);
        box.getStyleClass().add("timeline-outcome");
        return box;
    }
}

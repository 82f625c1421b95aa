package dev.builderdesk.ui.timeline;

import java.util.Set;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.Region;

/**
 * The one cell type of the timeline. Tool rows expand on click to show their input, output and every diagnostic
 * field; a failure is a compact red row (tool, target, message, code) until expanded. Which rows are open is kept
 * by {@link TimelineItem#key()} — run id and event seq — so opening a card never opens another run's.
 *
 * <p>A cell builds the nodes of each kind of row once and then only changes their content: the list measures and
 * re-shows cells on every change of a streaming run, and new nodes (each styled by CSS from scratch) made that the
 * most expensive part of a pulse.
 */
public final class TimelineCell extends ListCell<TimelineItem> {
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");
    private static final PseudoClass EXPANDED = PseudoClass.getPseudoClass("expanded");
    private static final PseudoClass FIND_MATCH = PseudoClass.getPseudoClass("find-match");
    private static final PseudoClass FIND_CURRENT = PseudoClass.getPseudoClass("find-current");
    private static final PseudoClass INSPECTED = PseudoClass.getPseudoClass("inspected");
    /** Turns are read at a comfortable line length, not across a 4K monitor. */
    static final double READING_WIDTH = 760;

    private final Set<String> expanded;
    private final TimelineViewModel model;
    private final TimelineActions actions;
    private TurnRows.UserRow user;
    private Label header;
    private TurnRows.TextRow text;
    private ToolCardView tool;
    private Label note;
    private TurnRows.OutcomeRow outcome;
    private TurnRows.MarkerRow marker;

    public TimelineCell(TimelineViewModel model, Set<String> expanded, TimelineActions actions,
            Consumer<TimelineItem> clicked) {
        this.model = model;
        this.expanded = expanded;
        this.actions = actions;
        getStyleClass().add("timeline-cell");
        // The reading column sits in the middle of a wide timeline.
        setAlignment(javafx.geometry.Pos.TOP_CENTER);
        setOnMouseClicked(e -> {
            TimelineItem item = getItem();
            if (item == null) {
                return;
            }
            clicked.accept(item);
            if ((item instanceof TimelineItem.ToolCall || item instanceof TimelineItem.ToolGroup)
                    && tool != null && tool.rowContains(e.getPickResult().getIntersectedNode())) {
                if (!expanded.remove(item.key())) {
                    expanded.add(item.key());
                }
                updateItem(item, false);
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
            markRow();
            return;
        }
        setGraphic(switch (item) {
            case TimelineItem.UserTurn u -> user().show(u);
            case TimelineItem.TurnHeader h -> header(h);
            case TimelineItem.TextBlock t -> text(t);
            case TimelineItem.ToolCall t -> toolCall(t);
            case TimelineItem.ToolGroup g -> group(g);
            case TimelineItem.Thinking t -> note("timeline-thinking", "Thinking…");
            case TimelineItem.Notice n -> note("timeline-notice", n.text());
            case TimelineItem.RunOutcome o -> outcome(o);
            case TimelineItem.RevertMarker m -> marker().show(m);
        });
        markRow();
    }

    /** Marks the row as a find match (the current one stronger) and as part of the inspected run's turn. */
    void markRow() {
        TimelineItem item = isEmpty() ? null : getItem();
        String key = item == null ? null : item.key();
        pseudoClassStateChanged(INSPECTED, item != null && item.runId() != null
                && item.runId().equals(model.inspectedRunIdProperty().get()));
        // The find marks go on the row itself (the reading column), not across the whole list.
        if (getGraphic() != null) {
            getGraphic().pseudoClassStateChanged(FIND_MATCH, key != null && model.find().matchKeys().contains(key));
            getGraphic().pseudoClassStateChanged(FIND_CURRENT, key != null
                    && key.equals(model.find().currentKeyProperty().get()));
        }
    }

    private Region toolCall(TimelineItem.ToolCall t) {
        boolean open = expanded.contains(t.key());
        pseudoClassStateChanged(FAILED, t.state() == TimelineItem.ToolCall.State.FAILED);
        pseudoClassStateChanged(RUNNING, t.state() == TimelineItem.ToolCall.State.RUNNING);
        pseudoClassStateChanged(EXPANDED, open);
        tool().show(t, open);
        return tool;
    }

    private Region group(TimelineItem.ToolGroup g) {
        boolean open = expanded.contains(g.key());
        pseudoClassStateChanged(EXPANDED, open);
        tool().show(g, open);
        return tool;
    }

    private Region outcome(TimelineItem.RunOutcome o) {
        pseudoClassStateChanged(FAILED, o.status().equals("failed"));
        if (outcome == null) {
            outcome = fitWidth(new TurnRows.OutcomeRow(actions));
        }
        return outcome.show(o);
    }

    private ToolCardView tool() {
        if (tool == null) {
            tool = fitWidth(new ToolCardView());
        }
        return tool;
    }

    private TurnRows.UserRow user() {
        if (user == null) {
            user = fitWidth(new TurnRows.UserRow(widthProperty()));
        }
        return user;
    }

    private Label header(TimelineItem.TurnHeader h) {
        if (header == null) {
            header = fitWidth(new Label());
            header.getStyleClass().addAll("timeline-author", "timeline-turn-header");
        }
        header.setText(h.modelLabel());
        return header;
    }

    private Region text(TimelineItem.TextBlock block) {
        if (text == null) {
            text = fitWidth(new TurnRows.TextRow(actions));
        }
        text.show(block);
        // Style the block's new nodes now: the list measures the cell right after this, and text measured before
        // its CSS font is applied has another height, which the list would keep for the row (a code block cut to
        // two lines, rows below the end unreachable).
        if (getScene() != null) {
            text.applyCss();
        }
        return text;
    }

    private TurnRows.MarkerRow marker() {
        if (marker == null) {
            marker = fitWidth(new TurnRows.MarkerRow(actions));
        }
        return marker;
    }

    private Label note(String style, String content) {
        if (note == null) {
            note = fitWidth(new Label());
            note.setWrapText(true);
        }
        note.getStyleClass().setAll("label", "timeline-row", "timeline-note", style);
        note.setText(content);
        return note;
    }

    /** Rows take the list's width up to the reading width, never their content's, so long lines wrap. */
    private <R extends Region> R fitWidth(R region) {
        region.getStyleClass().add("timeline-row");
        region.setMinWidth(0);
        var width = javafx.beans.binding.Bindings.min(widthProperty().subtract(28), READING_WIDTH);
        region.prefWidthProperty().bind(width);
        region.maxWidthProperty().bind(width);
        return region;
    }
}

package dev.builderdesk.ui.timeline;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
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

    public TimelineCell(java.util.Set<String> expanded, java.util.function.Consumer<TimelineItem> clicked) {
        this.expanded = expanded;
        getStyleClass().add("timeline-cell");
        setOnMouseClicked(e -> {
            if (getItem() != null) {
                clicked.accept(getItem());
            }
            String key = switch (getItem()) {
                case TimelineItem.ToolCall call -> call.spanId();
                case TimelineItem.Explored group -> group.id();
                case null, default -> null;
            };
            if (key != null) {
                if (!expanded.remove(key)) {
                    expanded.add(key);
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
            case TimelineItem.UserTurn u -> user(u);
            case TimelineItem.AssistantTurn a -> assistant(a);
            case TimelineItem.ToolCall t -> tool(t);
            case TimelineItem.Explored e -> explored(e);
            case TimelineItem.Thinking t -> note("timeline-thinking", "Thinking…");
            case TimelineItem.Notice n -> note("timeline-notice", n.text());
            case TimelineItem.RunOutcome o -> outcome(o);
        });
    }

    /** The user's prompt: a bubble on the right, at most three quarters of the width, as chat tools do. */
    private Region user(TimelineItem.UserTurn u) {
        Label author = new Label("You");
        author.getStyleClass().add("timeline-author");
        Label body = new Label(u.text());
        body.setWrapText(true);
        body.getStyleClass().add("timeline-text");
        body.setMinHeight(Region.USE_PREF_SIZE);
        body.maxWidthProperty().bind(widthProperty().multiply(0.75).subtract(28));
        VBox bubble = new VBox(body);
        bubble.getStyleClass().addAll("timeline-bubble", "timeline-user");
        bubble.setMaxWidth(Region.USE_PREF_SIZE);
        bubble.getStyleClass().add("timeline-user-clickable");
        VBox column = new VBox(2, author, bubble);
        column.getStyleClass().add("timeline-user-column");
        return fitWidth(column);
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
        return fitWidth(ToolCards.card(t, open));
    }

    private Region explored(TimelineItem.Explored e) {
        boolean open = expanded.contains(e.id());
        pseudoClassStateChanged(EXPANDED, open);
        return fitWidth(ToolCards.explored(e, open));
    }

    /** Rows take the list's width, never their content's, so long lines wrap instead of scrolling sideways. */
    private Region fitWidth(Region region) {
        region.setMinWidth(0);
        region.prefWidthProperty().bind(widthProperty().subtract(28));
        region.maxWidthProperty().bind(widthProperty().subtract(28));
        return region;
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

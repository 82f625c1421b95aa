package dev.builderdesk.ui.timeline;

import java.util.Set;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The one cell type of the timeline. Tool rows expand on click to show their input, output and every diagnostic
 * field; a failure is a compact red row (tool, target, message, code) until expanded.
 *
 * <p>A cell builds the nodes of each kind of row once and then only changes their text: the list measures and
 * re-shows cells on every change of a streaming run, and new nodes (each styled by CSS from scratch) made that the
 * most expensive part of a pulse.
 */
public final class TimelineCell extends ListCell<TimelineItem> {
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");
    private static final PseudoClass EXPANDED = PseudoClass.getPseudoClass("expanded");

    private final Set<String> expanded;
    private UserRow user;
    private AssistantRow assistant;
    private ToolCardView tool;
    private Label note;
    private OutcomeRow outcome;

    public TimelineCell(Set<String> expanded, Consumer<TimelineItem> clicked) {
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
            case TimelineItem.UserTurn u -> user().show(u);
            case TimelineItem.AssistantTurn a -> assistant().show(a);
            case TimelineItem.ToolCall t -> toolCall(t);
            case TimelineItem.Explored e -> explored(e);
            case TimelineItem.Thinking t -> note("timeline-thinking", "Thinking…");
            case TimelineItem.Notice n -> note("timeline-notice", n.text());
            case TimelineItem.RunOutcome o -> outcome().show(o);
        });
    }

    private Region toolCall(TimelineItem.ToolCall t) {
        boolean open = expanded.contains(t.spanId());
        pseudoClassStateChanged(FAILED, t.state() == TimelineItem.ToolCall.State.FAILED);
        pseudoClassStateChanged(RUNNING, t.state() == TimelineItem.ToolCall.State.RUNNING);
        pseudoClassStateChanged(EXPANDED, open);
        tool().show(t, open);
        return tool;
    }

    private Region explored(TimelineItem.Explored e) {
        boolean open = expanded.contains(e.id());
        pseudoClassStateChanged(EXPANDED, open);
        tool().show(e, open);
        return tool;
    }

    private ToolCardView tool() {
        if (tool == null) {
            tool = fitWidth(new ToolCardView());
        }
        return tool;
    }

    private UserRow user() {
        if (user == null) {
            user = fitWidth(new UserRow());
        }
        return user;
    }

    private AssistantRow assistant() {
        if (assistant == null) {
            assistant = new AssistantRow();
        }
        return assistant;
    }

    private OutcomeRow outcome() {
        if (outcome == null) {
            outcome = new OutcomeRow();
        }
        return outcome;
    }

    private Label note(String style, String text) {
        if (note == null) {
            note = new Label();
        }
        note.getStyleClass().setAll("label", "timeline-note", style);
        note.setText(text);
        return note;
    }

    /** Rows take the list's width, never their content's, so long lines wrap instead of scrolling sideways. */
    private <R extends Region> R fitWidth(R region) {
        region.setMinWidth(0);
        region.prefWidthProperty().bind(widthProperty().subtract(28));
        region.maxWidthProperty().bind(widthProperty().subtract(28));
        return region;
    }

    /** The user's prompt: a bubble on the right, at most three quarters of the width, as chat tools do. */
    private final class UserRow extends VBox {
        private final Label body = new Label();

        UserRow() {
            super(2);
            Label author = new Label("You");
            author.getStyleClass().add("timeline-author");
            body.setWrapText(true);
            body.getStyleClass().add("timeline-text");
            body.setMinHeight(Region.USE_PREF_SIZE);
            body.maxWidthProperty().bind(TimelineCell.this.widthProperty().multiply(0.75).subtract(28));
            VBox bubble = new VBox(body);
            bubble.getStyleClass().addAll("timeline-bubble", "timeline-user", "timeline-user-clickable");
            bubble.setMaxWidth(Region.USE_PREF_SIZE);
            getChildren().addAll(author, bubble);
            getStyleClass().add("timeline-user-column");
        }

        UserRow show(TimelineItem.UserTurn turn) {
            body.setText(turn.text());
            return this;
        }
    }

    /** An answer: the model that gave it, then its Markdown. */
    private final class AssistantRow extends VBox {
        private final Label author = new Label();
        private final MarkdownView body = new MarkdownView();

        AssistantRow() {
            author.getStyleClass().add("timeline-author");
            body.maxWidthProperty().bind(TimelineCell.this.widthProperty().subtract(56));
            getChildren().addAll(author, body);
            getStyleClass().addAll("timeline-bubble", "timeline-assistant");
            maxWidthProperty().bind(TimelineCell.this.widthProperty().subtract(32));
        }

        AssistantRow show(TimelineItem.AssistantTurn turn) {
            author.setText(turn.modelLabel());
            body.setMarkdown(turn.text());
            return this;
        }
    }

    /** How a run ended: a status chip and its message. */
    private static final class OutcomeRow extends HBox {
        private final Label chip = new Label();
        private final Label message = new Label();

        OutcomeRow() {
            super(8);
            message.getStyleClass().add("timeline-outcome-message");
            message.setWrapText(true);
            getChildren().addAll(chip, message);
            getStyleClass().add("timeline-outcome");
        }

        OutcomeRow show(TimelineItem.RunOutcome o) {
            chip.getStyleClass().setAll("label", "timeline-chip", "timeline-chip-" + o.status());
            chip.setText(o.status());
            message.setText(o.message());
            return this;
        }
    }
}

package dev.builderdesk.ui.timeline;

import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunMetrics;
import dev.builderdesk.ui.fx.Durations;
import dev.builderdesk.ui.markdown.MarkdownBlockView;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import javafx.beans.value.ObservableDoubleValue;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The row nodes of a turn other than tool cards: prompt, text block, footer, revert marker. */
final class TurnRows {
    private TurnRows() {
    }

    /** The user's prompt: a bubble on the right, at most three quarters of the width, as chat tools do. */
    static final class UserRow extends VBox {
        private final Label body = new Label();

        UserRow(ObservableDoubleValue cellWidth) {
            super(2);
            Label author = new Label("You");
            author.getStyleClass().add("timeline-author");
            body.setWrapText(true);
            body.getStyleClass().add("timeline-text");
            body.setMinHeight(Region.USE_PREF_SIZE);
            body.maxWidthProperty().bind(javafx.beans.binding.Bindings.min(cellWidth, TimelineCell.READING_WIDTH)
                    .multiply(0.75));
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

    /** One top-level Markdown block of an answer: re-rendered only when its own source changed. */
    static final class TextRow extends VBox {
        private final MarkdownBlockView body;

        TextRow(TimelineActions actions) {
            body = new MarkdownBlockView(actions::openLink);
            body.setMinWidth(0);
            getChildren().add(body);
            getStyleClass().add("timeline-text-block");
        }

        TextRow show(TimelineItem.TextBlock block) {
            body.setMarkdown(block.markdown());
            return this;
        }
    }

    /**
     * The end of a turn: the status chip, the failure's code and message (a provider failure is shown here, never
     * as assistant text), the measurements, "N files changed +a −b" (opens the diff) and Copy (the whole answer).
     */
    static final class OutcomeRow extends VBox {
        private final Label chip = new Label();
        private final Label message = new Label();
        private final Label duration = new Label();
        private final Label tokens = new Label();
        private final Label calls = new Label();
        private final Hyperlink changes = new Hyperlink();
        private final Button copy = new Button("Copy");
        private TimelineItem.RunOutcome shown;

        OutcomeRow(TimelineActions actions) {
            super(4);
            message.getStyleClass().add("timeline-outcome-message");
            message.setWrapText(true);
            message.setMinHeight(Region.USE_PREF_SIZE);
            for (Label part : List.of(duration, tokens, calls)) {
                part.getStyleClass().add("timeline-outcome-stats");
                part.setMinWidth(Region.USE_PREF_SIZE);
            }
            changes.getStyleClass().add("timeline-outcome-changes");
            changes.setId("timeline-changes");
            changes.setOnAction(e -> {
                if (shown != null && shown.changedFiles()) {
                    actions.openChanges(shown.run());
                }
            });
            copy.getStyleClass().addAll("flat", "small", "timeline-copy");
            copy.setId("timeline-copy-turn");
            copy.setOnAction(e -> {
                if (shown != null) {
                    ClipboardContent content = new ClipboardContent();
                    content.putString(shown.text());
                    Clipboard.getSystemClipboard().setContent(content);
                    copy.setText("Copied");
                }
            });
            // The parts wrap onto a second line in a narrow window rather than being cut to "compl…".
            chip.setMinWidth(Region.USE_PREF_SIZE);
            changes.setMinWidth(Region.USE_PREF_SIZE);
            copy.setMinWidth(Region.USE_PREF_SIZE);
            FlowPane parts = new FlowPane(8, 4, chip, duration, tokens, calls, changes);
            parts.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            parts.setMinWidth(0);
            HBox.setHgrow(parts, Priority.ALWAYS);
            HBox line = new HBox(8, parts, copy);
            line.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
            line.getStyleClass().add("timeline-outcome-line");
            getChildren().addAll(line, message);
            getStyleClass().add("timeline-outcome");
        }

        OutcomeRow show(TimelineItem.RunOutcome o) {
            shown = o;
            chip.getStyleClass().setAll("label", "timeline-chip", "timeline-chip-" + o.status());
            chip.setText(o.status());
            String failure = failureText(o);
            message.setText(failure);
            message.setVisible(!failure.isEmpty());
            message.setManaged(!failure.isEmpty());
            List<String> stats = stats(o.run());
            show(duration, stats.get(0));
            show(tokens, stats.get(1));
            show(calls, stats.get(2));
            RunMetrics m = o.run() == null ? null : o.run().metrics();
            changes.setText(m == null || m.filesChanged() == 0 ? "" : m.filesChanged()
                    + (m.filesChanged() == 1 ? " file changed +" : " files changed +") + m.linesAdded() + " \u2212"
                    + m.linesRemoved());
            changes.setVisible(o.changedFiles());
            changes.setManaged(o.changedFiles());
            copy.setText("Copy");
            copy.setVisible(!o.text().isBlank());
            return this;
        }

        private static String failureText(TimelineItem.RunOutcome o) {
            if (o.status().equals("failed") && !o.diagnostics().isEmpty()) {
                Diagnostic d = o.diagnostics().get(0);
                return (d.code() == null ? "" : d.code() + " · ") + d.message();
            }
            return o.message();
        }

        private static void show(Label part, String text) {
            part.setText(text);
            part.setVisible(!text.isEmpty());
            part.setManaged(!text.isEmpty());
        }

        /** "12.3 s", "1,234 in / 567 out tokens", "5 tool calls (1 failed)": each "" when not known. */
        static List<String> stats(Run run) {
            if (run == null || run.metrics() == null) {
                return List.of("", "", "");
            }
            NumberFormat n = NumberFormat.getIntegerInstance(Locale.ROOT);
            n.setGroupingUsed(true);
            RunMetrics m = run.metrics();
            String duration = m.durationMs() == null ? "" : Durations.format(m.durationMs());
            String tokens = run.usage() == null || run.usage().inputTokens() == 0 && run.usage().outputTokens() == 0
                    ? "" : "· " + n.format(run.usage().inputTokens()) + " in / " + n.format(run.usage().outputTokens())
                            + " out tokens";
            String calls = m.toolCalls() == 0 ? "" : "· " + m.toolCalls() + (m.toolCalls() == 1 ? " tool call"
                    : " tool calls") + (m.toolFailures() > 0 ? " (" + m.toolFailures() + " failed)" : "");
            return List.of(duration, tokens, calls);
        }
    }

    /** A revert the user made, with Undo. */
    static final class MarkerRow extends HBox {
        private final Label text = new Label();
        private final Button undo = new Button("Undo");
        private TimelineItem.RevertMarker shown;

        MarkerRow(TimelineActions actions) {
            super(10);
            text.setWrapText(true);
            text.setMinWidth(0);
            text.getStyleClass().add("timeline-marker-text");
            HBox.setHgrow(text, Priority.ALWAYS);
            undo.setId("timeline-undo-revert");
            undo.getStyleClass().addAll("small");
            undo.setOnAction(e -> {
                if (shown != null) {
                    actions.undoRevert(shown);
                }
            });
            setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            getChildren().addAll(text, undo);
            getStyleClass().add("timeline-marker");
        }

        MarkerRow show(TimelineItem.RevertMarker m) {
            shown = m;
            text.setText(m.text());
            boolean canUndo = m.undoCheckpointId() != null && !m.undone();
            undo.setVisible(canUndo);
            undo.setManaged(canUndo);
            return this;
        }
    }
}

package dev.builderdesk.ui.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.client.RunEvent;
import dev.builderdesk.protocol.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The thread timeline: user turns, assistant text, tool cards, notices and run outcomes, built from run events.
 * Events arrive in batches (one per UI pulse); consecutive text deltas are merged into one replacement of the
 * assistant row. A tool card never stays "running" after its run ended.
 */
public final class TimelineViewModel {
    private final ObservableList<TimelineItem> items = FXCollections.observableArrayList();
    private final ObservableList<TimelineItem> readOnly = FXCollections.unmodifiableObservableList(items);
    private final Map<String, Integer> toolRows = new HashMap<>();
    private final List<Integer> pendingFailures = new ArrayList<>();
    private int thinkingRow = -1;
    private Consumer<String> runSelected = id -> { };
    private String modelLabel = "";

    public ObservableList<TimelineItem> items() {
        return readOnly;
    }

    public void clear() {
        items.clear();
        toolRows.clear();
        pendingFailures.clear();
        thinkingRow = -1;
    }

    /** Shows a stored thread: its user and assistant turns, each answer labelled with the model that gave it. */
    public void history(List<dev.builderdesk.protocol.ChatTurn> turns) {
        clear();
        for (var t : turns) {
            items.add(t.role().equals("user") ? new TimelineItem.UserTurn(t.content(), t.runId())
                    : new TimelineItem.AssistantTurn(t.content(), t.modelName() == null ? "" : t.modelName()));
        }
    }

    /** Told with a run id when the user clicks one of its turns. */
    public void onRunSelected(Consumer<String> action) {
        this.runSelected = action;
    }

    /** The user clicked a row: a user turn selects its run. */
    public void select(TimelineItem item) {
        if (item instanceof TimelineItem.UserTurn turn && turn.runId() != null) {
            runSelected.accept(turn.runId());
        }
    }

    /** A prompt was sent and its run created: show it, and "Thinking…" until the first event. */
    public void userTurn(String text, String runId, String modelLabelForAnswer) {
        items.add(new TimelineItem.UserTurn(text, runId));
        thinkingRow = items.size();
        items.add(new TimelineItem.Thinking());
        modelLabel = modelLabelForAnswer;
    }

    /** The label assistant turns get from now on (set when the run says which model answered). */
    public void answeringModel(String label) {
        modelLabel = label;
    }

    /**
     * Applies a batch of events in order. Consecutive text deltas are joined first, so a batch changes the
     * assistant row once per run of text rather than once per token.
     */
    public void apply(List<RunEvent> batch) {
        StringBuilder text = new StringBuilder();
        for (RunEvent e : batch) {
            if (e instanceof RunEvent.AssistantDelta d) {
                text.append(d.content());
                continue;
            }
            appendText(text);
            apply(e);
        }
        appendText(text);
    }

    private void appendText(StringBuilder text) {
        if (text.isEmpty()) {
            return;
        }
        dropThinking();
        int last = items.size() - 1;
        if (last >= 0 && items.get(last) instanceof TimelineItem.AssistantTurn turn) {
            items.set(last, turn.append(text.toString()));
        } else {
            items.add(new TimelineItem.AssistantTurn(text.toString(), modelLabel));
        }
        text.setLength(0);
    }

    private void apply(RunEvent e) {
        switch (e) {
            case RunEvent.ToolStarted t -> {
                dropThinking();
                toolRows.put(t.payload().spanId(), items.size());
                items.add(TimelineItem.ToolCall.running(t.payload().spanId(), t.payload().tool(),
                        ToolLabels.label(t.payload().tool(), t.payload().input()), t.payload().input()));
            }
            case RunEvent.ToolCompleted t -> finishTool(t.payload().spanId(), TimelineItem.ToolCall.State.DONE,
                    t.payload().durationMs(), t.payload().output(), List.of());
            case RunEvent.ToolFailed t -> finishTool(t.payload().spanId(), TimelineItem.ToolCall.State.FAILED,
                    t.payload().durationMs(), t.payload().output(), t.diagnostics());
            case RunEvent.ProviderRetry r -> items.add(new TimelineItem.Notice("Provider retry "
                    + r.payload().attempt() + "/" + r.payload().maxAttempts() + ": " + r.payload().message()));
            case RunEvent.RunError r -> items.add(new TimelineItem.Notice(message(r.diagnostics(), "Error")));
            case RunEvent.Completed c -> outcome("completed", "", List.of());
            case RunEvent.Failed f -> outcome("failed", message(f.diagnostics(), "The run failed"), f.diagnostics());
            case RunEvent.Cancelled c -> outcome("cancelled", "Stopped; the partial answer is kept.", List.of());
            case RunEvent.Paused p -> outcome("paused", "Paused at the step budget; resume to continue.", List.of());
            default -> {
            }
        }
    }

    private void finishTool(String spanId, TimelineItem.ToolCall.State state, long durationMs, JsonNode output,
            List<Diagnostic> diagnostics) {
        Integer row = toolRows.remove(spanId);
        if (row == null || !(items.get(row) instanceof TimelineItem.ToolCall call)) {
            return;
        }
        TimelineItem.ToolCall done = call.finish(state, durationMs, output, diagnostics);
        items.set(row, done);
        if (state == TimelineItem.ToolCall.State.FAILED) {
            pendingFailures.add(row);
        } else {
            settleFailures(done.tool(), TimelineItem.ToolCall.Recovery.RECOVERED);
            foldRead(row, done);
        }
    }

    /** A successful read right after another (or after an "Explored" row) joins it, if nothing came between. */
    private void foldRead(int row, TimelineItem.ToolCall read) {
        if (!read.isRead() || row != items.size() - 1 || row == 0) {
            return;
        }
        List<TimelineItem.ToolCall> reads = new ArrayList<>();
        String id;
        switch (items.get(row - 1)) {
            case TimelineItem.Explored group -> {
                reads.addAll(group.reads());
                id = group.id();
            }
            case TimelineItem.ToolCall before when before.isRead()
                    && before.state() == TimelineItem.ToolCall.State.DONE -> {
                reads.add(before);
                id = "explored-" + before.spanId();
            }
            default -> {
                return;
            }
        }
        reads.add(read);
        items.remove(row);
        items.set(row - 1, new TimelineItem.Explored(id, List.copyOf(reads)));
    }

    /** Marks the failures still waiting: recovered by a later success of the same tool, or not (the run ended). */
    private void settleFailures(String tool, TimelineItem.ToolCall.Recovery to) {
        pendingFailures.removeIf(row -> {
            if (items.get(row) instanceof TimelineItem.ToolCall failed
                    && (tool == null || failed.tool().equals(tool))) {
                items.set(row, failed.recovery(to));
                return true;
            }
            return tool == null;
        });
    }

    private void outcome(String status, String message, List<Diagnostic> diagnostics) {
        dropThinking();
        for (int row : toolRows.values()) {
            if (items.get(row) instanceof TimelineItem.ToolCall call
                    && call.state() == TimelineItem.ToolCall.State.RUNNING) {
                items.set(row, call.finish(TimelineItem.ToolCall.State.FAILED, call.durationMs(), null,
                        List.of(Diagnostic.of("The run ended before this call finished", null))));
                pendingFailures.add(row);
            }
        }
        toolRows.clear();
        settleFailures(null, TimelineItem.ToolCall.Recovery.NOT_RECOVERED);
        items.add(new TimelineItem.RunOutcome(status, message, diagnostics));
    }

    /** Removes the "Thinking…" row; it is always the last row added before the run's first event, so this is O(1). */
    private void dropThinking() {
        if (thinkingRow >= 0 && thinkingRow < items.size() && items.get(thinkingRow) instanceof TimelineItem.Thinking) {
            items.remove(thinkingRow);
        }
        thinkingRow = -1;
    }

    private static String message(List<Diagnostic> diagnostics, String fallback) {
        if (diagnostics.isEmpty()) {
            return fallback;
        }
        Diagnostic d = diagnostics.get(0);
        return d.message() + (d.code() == null ? "" : " (" + d.code() + ")");
    }
}

package dev.builderdesk.ui.timeline;

import dev.builderdesk.client.RunEvent;
import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private String modelLabel = "";

    public ObservableList<TimelineItem> items() {
        return readOnly;
    }

    public void clear() {
        items.clear();
        toolRows.clear();
    }

    /** Shows a stored thread: its user and assistant turns, each answer labelled with the model that gave it. */
    public void history(List<dev.builderdesk.protocol.ChatTurn> turns) {
        clear();
        for (var t : turns) {
            items.add(t.role().equals("user") ? new TimelineItem.UserTurn(t.content())
                    : new TimelineItem.AssistantTurn(t.content(), t.modelName() == null ? "" : t.modelName()));
        }
    }

    /** A prompt was sent: show it, and "Thinking…" until the first event. */
    public void userTurn(String text, String modelLabelForAnswer) {
        items.add(new TimelineItem.UserTurn(text));
        items.add(new TimelineItem.Thinking());
        modelLabel = modelLabelForAnswer;
    }

    /** The label assistant turns get from now on (set when the run says which model answered). */
    public void answeringModel(String label) {
        modelLabel = label;
    }

    /** Applies a batch of events in order. */
    public void apply(List<RunEvent> batch) {
        for (RunEvent e : batch) {
            apply(e);
        }
    }

    private void apply(RunEvent e) {
        switch (e) {
            case RunEvent.AssistantDelta d -> {
                if (d.content().isEmpty()) {
                    return;
                }
                dropThinking();
                int last = items.size() - 1;
                if (last >= 0 && items.get(last) instanceof TimelineItem.AssistantTurn turn) {
                    items.set(last, turn.append(d.content()));
                } else {
                    items.add(new TimelineItem.AssistantTurn(d.content(), modelLabel));
                }
            }
            case RunEvent.ToolStarted t -> {
                dropThinking();
                toolRows.put(t.payload().spanId(), items.size());
                items.add(new TimelineItem.ToolCall(t.payload().spanId(), t.payload().tool(),
                        ToolLabels.label(t.payload().tool(), t.payload().input()), TimelineItem.ToolCall.State.RUNNING,
                        0, Json.write(t.payload().input()), null, List.of()));
            }
            case RunEvent.ToolCompleted t -> finishTool(t.payload().spanId(), TimelineItem.ToolCall.State.DONE,
                    t.payload().durationMs(), Json.write(t.payload().output()), List.of());
            case RunEvent.ToolFailed t -> finishTool(t.payload().spanId(), TimelineItem.ToolCall.State.FAILED,
                    t.payload().durationMs(), Json.write(t.payload().output()), t.diagnostics());
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

    private void finishTool(String spanId, TimelineItem.ToolCall.State state, long durationMs, String output,
            List<Diagnostic> diagnostics) {
        Integer row = toolRows.get(spanId);
        if (row == null || !(items.get(row) instanceof TimelineItem.ToolCall call)) {
            return;
        }
        items.set(row, new TimelineItem.ToolCall(call.spanId(), call.tool(), call.label(), state, durationMs,
                call.inputJson(), output, diagnostics));
    }

    private void outcome(String status, String message, List<Diagnostic> diagnostics) {
        dropThinking();
        for (var entry : toolRows.entrySet()) {
            if (items.get(entry.getValue()) instanceof TimelineItem.ToolCall call
                    && call.state() == TimelineItem.ToolCall.State.RUNNING) {
                items.set(entry.getValue(), new TimelineItem.ToolCall(call.spanId(), call.tool(), call.label(),
                        TimelineItem.ToolCall.State.FAILED, call.durationMs(), call.inputJson(), call.outputJson(),
                        List.of(Diagnostic.of("The run ended before this call finished", null))));
            }
        }
        toolRows.clear();
        items.add(new TimelineItem.RunOutcome(status, message, diagnostics));
    }

    private void dropThinking() {
        items.removeIf(i -> i instanceof TimelineItem.Thinking);
    }

    private static String message(List<Diagnostic> diagnostics, String fallback) {
        if (diagnostics.isEmpty()) {
            return fallback;
        }
        Diagnostic d = diagnostics.get(0);
        return d.message() + (d.code() == null ? "" : " (" + d.code() + ")");
    }
}

package dev.builderdesk.ui.timeline;

import dev.builderdesk.client.RunEvent;
import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.ui.fx.PauseWords;
import dev.builderdesk.ui.markdown.MarkdownStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one run's turn, as a function of the run's events: the user's prompt, the header naming the model
 * that answered, the text as Markdown blocks and the tool rows in order, notices, and one outcome row per segment
 * (a paused run that was resumed has two). Live and reopened threads feed the same events through this one
 * reducer, so they show the same rows. Pure: no scene graph, no threads.
 *
 * <p>Text between two tool calls is one segment; a delta re-parses only the segment's last Markdown block
 * ({@link MarkdownStream}), so the work per delta does not grow with the answer.
 */
final class RunTurn {
    /** Where the turn's rows live: local indexes, so the turn does not know its place in the thread. */
    interface Rows {
        void add(int index, TimelineItem item);

        void set(int index, TimelineItem item);

        void remove(int index);
    }

    private final String runId;
    private final List<TimelineItem> rows = new ArrayList<>();
    private final Rows sink;
    private final Map<String, Integer> openTools = new HashMap<>();
    private final List<Integer> pendingFailures = new ArrayList<>();
    private final StringBuilder answer = new StringBuilder();
    private MarkdownStream segment;
    private long segmentSeq;
    private int segmentStart;
    private boolean thinking;
    private boolean ended;
    private long lastSeq;
    private final boolean fixedLabel;

    RunTurn(String runId, String prompt, String modelLabel, Rows sink) {
        this(runId, prompt, modelLabel, sink, false);
    }

    /** A turn whose header keeps {@code modelLabel} whatever the run says (a blind comparison's "Model A"). */
    RunTurn(String runId, String prompt, String modelLabel, Rows sink, boolean fixedLabel) {
        this.runId = runId;
        this.sink = sink;
        this.fixedLabel = fixedLabel;
        add(new TimelineItem.UserTurn(runId, prompt));
        add(new TimelineItem.TurnHeader(runId, modelLabel));
        add(new TimelineItem.Thinking(runId));
        thinking = true;
    }

    String runId() {
        return runId;
    }

    List<TimelineItem> rows() {
        return rows;
    }

    Rows sink() {
        return sink;
    }

    int size() {
        return rows.size();
    }

    /** The seq of the last event applied (a feed re-attaches after it). */
    long lastSeq() {
        return lastSeq;
    }

    /** Whether the last event applied ended the run (or a segment of it). */
    boolean ended() {
        return ended;
    }

    /** Everything the assistant said in this run, as streamed (Copy on the turn). */
    String answer() {
        return answer.toString();
    }

    /** Applies a batch in order; consecutive text deltas are joined first, so a batch re-parses once. */
    void apply(List<RunEvent> batch) {
        StringBuilder text = new StringBuilder();
        long textSeq = 0;
        for (RunEvent e : batch) {
            // Seen already (a re-attached stream) — except the one terminal event of a stream that had nothing
            // new, which the client makes from the run's status at an old seq.
            if (e.seq() <= lastSeq && lastSeq > 0 && !(e.isTerminal() && !ended)) {
                continue;
            }
            if (e.payload() instanceof EventPayload.AssistantDelta d) {
                if (text.isEmpty()) {
                    textSeq = e.seq();
                }
                text.append(d.content());
                lastSeq = e.seq();
                continue;
            }
            flushText(text, textSeq);
            apply(e);
            lastSeq = Math.max(lastSeq, e.seq());
        }
        flushText(text, textSeq);
    }

    private void apply(RunEvent e) {
        switch (e.payload()) {
            case EventPayload.RunAccepted a -> header(a);
            case EventPayload.ToolStarted t -> {
                endSegment();
                dropThinking();
                openTools.put(t.spanId(), rows.size());
                add(TimelineItem.ToolCall.running(runId, e.seq(), t.spanId(), t.tool(),
                        ToolLabels.label(t.tool(), t.input()), t.input()));
            }
            case EventPayload.ToolCompleted t -> finishTool(t, TimelineItem.ToolCall.State.DONE, List.of());
            case EventPayload.ToolFailed t -> finishTool(t, TimelineItem.ToolCall.State.FAILED, e.diagnostics());
            case EventPayload.ProviderRetry r -> {
                endSegment();
                add(new TimelineItem.Notice(runId, e.seq(), "Provider retry " + r.attempt() + "/"
                        + r.maxAttempts() + ": " + r.message()));
            }
            case EventPayload.RunError r -> {
                endSegment();
                add(new TimelineItem.Notice(runId, e.seq(), message(e.diagnostics(), "Error")));
            }
            case EventPayload.PlanUpdated p -> ended = false;
            case EventPayload.RunCompleted c -> outcome(e, "completed", "", c.run());
            case EventPayload.RunFailed f -> outcome(e, "failed", message(e.diagnostics(), "The run failed"),
                    f.run());
            case EventPayload.RunCancelled c -> outcome(e, "cancelled", "Stopped; the partial answer is kept.",
                    c.run());
            case EventPayload.RunPaused p -> outcome(e, "paused", PauseWords.of(p.run()), p.run());
            case EventPayload.UsageUpdated u -> { }
            case EventPayload.RevisionCreated r -> { }
            case EventPayload.CheckpointCreated c -> { }
            case EventPayload.AssistantDelta d -> { }
            case EventPayload.Unrecognised u -> { }
        }
    }

    private void header(EventPayload.RunAccepted a) {
        if (fixedLabel) {
            return;
        }
        String label = label(a.requestedModelId(), a.modelName());
        if (!(rows.get(1) instanceof TimelineItem.TurnHeader h) || !h.modelLabel().equals(label)) {
            set(1, new TimelineItem.TurnHeader(runId, label));
        }
    }

    /** The header of a run's turn: the model that answered, "Auto → X" when Auto chose it. */
    static String modelLabel(Run run) {
        return label(run.requestedModelId(), run.resolvedModelName());
    }

    private static String label(String requested, String answered) {
        boolean known = answered != null && !answered.isBlank();
        if (requested == null) {
            return known ? "Auto → " + answered : "Auto";
        }
        return known ? answered : "Model";
    }

    private void flushText(StringBuilder text, long seq) {
        if (text.isEmpty()) {
            return;
        }
        String delta = text.toString();
        text.setLength(0);
        answer.append(delta);
        if (segment == null) {
            if (delta.isBlank()) {
                return;
            }
            dropThinking();
            segment = new MarkdownStream();
            segmentSeq = seq;
            segmentStart = rows.size();
            if (answer.length() > delta.length()) {
                answer.insert(answer.length() - delta.length(), "\n\n");
            }
        }
        int before = segment.blocks().size();
        int first = segment.append(delta);
        List<String> blocks = segment.blocks();
        for (int i = first; i < blocks.size(); i++) {
            var block = new TimelineItem.TextBlock(runId, segmentSeq, i, blocks.get(i));
            if (i < before) {
                if (!(rows.get(segmentStart + i) instanceof TimelineItem.TextBlock old)
                        || !old.markdown().equals(block.markdown())) {
                    set(segmentStart + i, block);
                }
            } else {
                add(segmentStart + i, block);
            }
        }
        for (int i = before - 1; i >= blocks.size(); i--) {
            remove(segmentStart + i);
        }
    }

    /** A tool call or a notice closes the text segment: the next text starts new paragraphs. */
    private void endSegment() {
        segment = null;
    }

    private void finishTool(EventPayload.ToolFinished t, TimelineItem.ToolCall.State state, List<Diagnostic> why) {
        Integer row = openTools.remove(t.spanId());
        if (row == null || !(rows.get(row) instanceof TimelineItem.ToolCall call)) {
            return;
        }
        TimelineItem.ToolCall done = call.finish(state, t.durationMs(), t.output(), why);
        set(row, done);
        if (state == TimelineItem.ToolCall.State.FAILED) {
            pendingFailures.add(row);
        } else {
            settleFailures(done, TimelineItem.ToolCall.Recovery.RECOVERED);
            fold(row, done);
        }
    }

    /**
     * A successful call right after another of its kind joins it (or the group before it), if nothing came
     * between: reads become "Explored N files", the same call repeated becomes "Label ×N".
     */
    private void fold(int row, TimelineItem.ToolCall call) {
        if (row != rows.size() - 1 || !openTools.isEmpty()) {
            return;
        }
        TimelineItem before = rows.get(row - 1);
        List<TimelineItem.ToolCall> calls = new ArrayList<>();
        TimelineItem.ToolGroup.Kind kind;
        long seq;
        switch (before) {
            case TimelineItem.ToolGroup group when group.kind() == TimelineItem.ToolGroup.Kind.EXPLORED
                    && call.isRead() -> {
                calls.addAll(group.calls());
                kind = group.kind();
                seq = group.seq();
            }
            case TimelineItem.ToolGroup group when group.kind() == TimelineItem.ToolGroup.Kind.REPEATED
                    && call.sameCallAs(group.calls().get(0)) -> {
                calls.addAll(group.calls());
                kind = group.kind();
                seq = group.seq();
            }
            case TimelineItem.ToolCall prev when prev.state() == TimelineItem.ToolCall.State.DONE
                    && (prev.isRead() && call.isRead() || prev.sameCallAs(call)) -> {
                calls.add(prev);
                kind = prev.sameCallAs(call) && !call.isRead() ? TimelineItem.ToolGroup.Kind.REPEATED
                        : TimelineItem.ToolGroup.Kind.EXPLORED;
                seq = prev.seq();
            }
            default -> {
                return;
            }
        }
        calls.add(call);
        remove(row);
        set(row - 1, new TimelineItem.ToolGroup(runId, seq, kind, List.copyOf(calls)));
    }

    /**
     * Marks the failures still waiting: recovered by a later success on the same target (a failed patch of
     * src/App.tsx, then a write of it), or not recovered once the run ended ({@code success} null).
     */
    private void settleFailures(TimelineItem.ToolCall success, TimelineItem.ToolCall.Recovery to) {
        pendingFailures.removeIf(row -> {
            if (rows.get(row) instanceof TimelineItem.ToolCall failed
                    && (success == null || failed.target().equals(success.target()))) {
                set(row, failed.recovery(to));
                return true;
            }
            return success == null;
        });
    }

    private void outcome(RunEvent e, String status, String message, Run run) {
        endSegment();
        dropThinking();
        for (int row : openTools.values()) {
            if (rows.get(row) instanceof TimelineItem.ToolCall call
                    && call.state() == TimelineItem.ToolCall.State.RUNNING) {
                set(row, call.finish(TimelineItem.ToolCall.State.FAILED, call.durationMs(), null,
                        List.of(Diagnostic.of("The run ended before this call finished", null))));
                pendingFailures.add(row);
            }
        }
        openTools.clear();
        settleFailures(null, TimelineItem.ToolCall.Recovery.NOT_RECOVERED);
        add(new TimelineItem.RunOutcome(runId, e.seq(), status, message, e.diagnostics(), run, answer()));
        ended = true;
    }

    /** The "Thinking…" row goes as soon as the run shows anything. */
    private void dropThinking() {
        if (thinking) {
            thinking = false;
            remove(2);
        }
    }

    private void add(TimelineItem item) {
        add(rows.size(), item);
    }

    private void add(int index, TimelineItem item) {
        rows.add(index, item);
        sink.add(index, item);
    }

    private void set(int index, TimelineItem item) {
        rows.set(index, item);
        sink.set(index, item);
    }

    private void remove(int index) {
        rows.remove(index);
        sink.remove(index);
    }

    private static String message(List<Diagnostic> diagnostics, String fallback) {
        if (diagnostics.isEmpty()) {
            return fallback;
        }
        Diagnostic d = diagnostics.get(0);
        return d.message() + (d.code() == null ? "" : " (" + d.code() + ")");
    }
}

package dev.builderdesk.ui.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.Run;
import java.util.List;

/**
 * One row of the thread timeline. Immutable: an item that changes (text streaming in, a tool finishing) is
 * replaced in the list. Holds no nodes. Every row has a {@link #key()} that is unique in the thread and the same
 * live and after reopening (run id plus the event seq that made the row), so per-row UI state — an expanded card,
 * a selection — never leaks onto another run's row.
 */
public sealed interface TimelineItem {
    /** Unique in the thread, stable across live and replayed timelines. */
    String key();

    /** The run the row belongs to; null for rows of no run (a revert marker). */
    String runId();

    /** What the user asked (clicking the turn shows its run in the inspector). */
    record UserTurn(String runId, String text) implements TimelineItem {
        @Override
        public String key() {
            return runId + "/user";
        }
    }

    /** The top of an assistant turn: the model that answered, once per run ("Auto → Model A"). */
    record TurnHeader(String runId, String modelLabel) implements TimelineItem {
        @Override
        public String key() {
            return runId + "/header";
        }
    }

    /** One top-level Markdown block of the assistant's text (a paragraph, a code block, a table...). */
    record TextBlock(String runId, long segmentSeq, int index, String markdown) implements TimelineItem {
        @Override
        public String key() {
            return runId + "/text/" + segmentSeq + "/" + index;
        }
    }

    /**
     * A tool call: its intent label, state, duration, input and output (the event's JSON trees, never changed;
     * formatted only when a card is expanded), diagnostics when it failed, and — for a failure — whether the
     * agent recovered afterwards (a later call of the same tool succeeded).
     */
    record ToolCall(String runId, long seq, String spanId, String tool, String label, State state, long durationMs,
            JsonNode input, JsonNode output, List<Diagnostic> diagnostics, Recovery recovery)
            implements TimelineItem {
        /** Where a tool call is. */
        public enum State { RUNNING, DONE, FAILED }

        /** What became of a failure: not known yet, a later call of the same tool succeeded, or the run ended. */
        public enum Recovery { NONE, PENDING, RECOVERED, NOT_RECOVERED }

        @Override
        public String key() {
            return runId + "/tool/" + seq;
        }

        static ToolCall running(String runId, long seq, String spanId, String tool, String label, JsonNode input) {
            return new ToolCall(runId, seq, spanId, tool, label, State.RUNNING, 0, input, null, List.of(),
                    Recovery.NONE);
        }

        ToolCall finish(State to, long millis, JsonNode result, List<Diagnostic> why) {
            return new ToolCall(runId, seq, spanId, tool, label, to, millis, input, result, why,
                    to == State.FAILED ? Recovery.PENDING : Recovery.NONE);
        }

        ToolCall recovery(Recovery to) {
            return new ToolCall(runId, seq, spanId, tool, label, state, durationMs, input, output, diagnostics, to);
        }

        boolean isRead() {
            return ToolLabels.isRead(tool);
        }

        /** What the call acts on ("src/App.tsx", "'useState'"), or its tool when it names nothing. */
        String target() {
            int space = label.indexOf(' ');
            return space < 0 ? tool : label.substring(space + 1);
        }

        boolean sameCallAs(ToolCall other) {
            return tool.equals(other.tool) && label.equals(other.label);
        }
    }

    /**
     * Consecutive successful calls folded into one row: reads ("Explored 3 files") or the same call repeated
     * ("Listing files ×30"). Expanded, it lists each call.
     */
    record ToolGroup(String runId, long seq, Kind kind, List<ToolCall> calls) implements TimelineItem {
        /** Reads of files, or one call repeated. */
        public enum Kind { EXPLORED, REPEATED }

        @Override
        public String key() {
            return runId + "/group/" + seq;
        }

        public long durationMs() {
            return calls.stream().mapToLong(ToolCall::durationMs).sum();
        }

        /** "Explored 3 files" or "Listing files ×30". */
        public String title() {
            return kind == Kind.EXPLORED ? "Explored " + calls.size() + " files"
                    : calls.get(0).label() + " ×" + calls.size();
        }

        /** The files read, in order ("src/App.tsx, index.html"); empty for a repeated call. */
        public String targets() {
            return kind == Kind.REPEATED ? "" : String.join(", ", calls.stream()
                    .map(r -> r.label().replaceFirst("^Reading ", "")).toList());
        }
    }

    /** Waiting for the run's first step. */
    record Thinking(String runId) implements TimelineItem {
        @Override
        public String key() {
            return runId + "/thinking";
        }
    }

    /** A provider retry the user can see. */
    record Notice(String runId, long seq, String text) implements TimelineItem {
        @Override
        public String key() {
            return runId + "/notice/" + seq;
        }
    }

    /**
     * How a run (or one segment of it, for a paused run that was resumed) ended: the status chip, the failure's
     * code and message when it failed (never shown as assistant text), and the footer's measurements — duration,
     * tokens, tool calls (failed), files changed +a −b — from the run object the terminal event carried.
     */
    record RunOutcome(String runId, long seq, String status, String message, List<Diagnostic> diagnostics,
            Run run, String text) implements TimelineItem {
        @Override
        public String key() {
            return runId + "/outcome/" + seq;
        }

        /** Whether the run changed files, so "N files changed" opens its diff. */
        public boolean changedFiles() {
            return run != null && run.metrics() != null && run.metrics().filesChanged() > 0
                    && run.baseRevisionId() != null && run.resultRevisionId() != null;
        }
    }

    /** A revert the user made: what it undid, and the checkpoint that brings the later files back (Undo). */
    record RevertMarker(String id, String text, String undoCheckpointId, boolean undone) implements TimelineItem {
        @Override
        public String key() {
            return "revert/" + id;
        }

        @Override
        public String runId() {
            return null;
        }
    }
}

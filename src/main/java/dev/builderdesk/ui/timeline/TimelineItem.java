package dev.builderdesk.ui.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.protocol.Diagnostic;
import java.util.List;

/**
 * One row of the thread timeline. Immutable: an item that changes (text streaming in, a tool finishing) is
 * replaced in the list. Holds no nodes.
 */
public sealed interface TimelineItem {
    /** What the user asked, and the run it started (clicking the turn shows that run in the inspector). */
    record UserTurn(String text, String runId) implements TimelineItem {
    }

    /** The assistant's text, with the model that answered ("Auto → Model A"). */
    record AssistantTurn(String text, String modelLabel) implements TimelineItem {
        AssistantTurn append(String more) {
            return new AssistantTurn(text + more, modelLabel);
        }
    }

    /**
     * A tool call: its intent label, state, duration, input and output (the event's JSON trees, never changed;
     * formatted only when a card is expanded), diagnostics when it failed, and — for a failure — whether the
     * agent recovered afterwards (a later call of the same tool succeeded).
     */
    record ToolCall(String spanId, String tool, String label, State state, long durationMs, JsonNode input,
            JsonNode output, List<Diagnostic> diagnostics, Recovery recovery) implements TimelineItem {
        /** Where a tool call is. */
        public enum State { RUNNING, DONE, FAILED }

        /** What became of a failure: not known yet, a later call of the same tool succeeded, or the run ended. */
        public enum Recovery { NONE, PENDING, RECOVERED, NOT_RECOVERED }

        static ToolCall running(String spanId, String tool, String label, JsonNode input) {
            return new ToolCall(spanId, tool, label, State.RUNNING, 0, input, null, List.of(), Recovery.NONE);
        }

        ToolCall finish(State to, long millis, JsonNode result, List<Diagnostic> why) {
            return new ToolCall(spanId, tool, label, to, millis, input, result, why,
                    to == State.FAILED ? Recovery.PENDING : Recovery.NONE);
        }

        ToolCall recovery(Recovery to) {
            return new ToolCall(spanId, tool, label, state, durationMs, input, output, diagnostics, to);
        }

        boolean isRead() {
            return ToolLabels.isRead(tool);
        }
    }

    /** Consecutive successful reads folded into one row: "Explored 3 files". */
    record Explored(String id, List<ToolCall> reads) implements TimelineItem {
        public long durationMs() {
            return reads.stream().mapToLong(ToolCall::durationMs).sum();
        }

        /** The files read, in order ("src/App.tsx, index.html"). */
        public String targets() {
            return String.join(", ", reads.stream().map(r -> r.label().replaceFirst("^Reading ", "")).toList());
        }
    }

    /** Waiting for the first event of a run. */
    record Thinking() implements TimelineItem {
    }

    /** A provider retry the user can see. */
    record Notice(String text) implements TimelineItem {
    }

    /** How a run ended: completed, failed (with diagnostics), cancelled or paused. */
    record RunOutcome(String status, String message, List<Diagnostic> diagnostics) implements TimelineItem {
    }
}

package dev.builderdesk.ui.timeline;

import dev.builderdesk.protocol.Diagnostic;
import java.util.List;

/**
 * One row of the thread timeline. Immutable: an item that changes (text streaming in, a tool finishing) is
 * replaced in the list. Holds no nodes.
 */
public sealed interface TimelineItem {
    /** What the user asked. */
    record UserTurn(String text) implements TimelineItem {
    }

    /** The assistant's text, with the model that answered ("Auto → Model A"). */
    record AssistantTurn(String text, String modelLabel) implements TimelineItem {
        AssistantTurn append(String more) {
            return new AssistantTurn(text + more, modelLabel);
        }
    }

    /** A tool call: its intent label, state, duration, input and output JSON, and diagnostics when it failed. */
    record ToolCall(String spanId, String tool, String label, State state, long durationMs, String inputJson,
            String outputJson, List<Diagnostic> diagnostics) implements TimelineItem {
        /** Where a tool call is. */
        public enum State { RUNNING, DONE, FAILED }
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

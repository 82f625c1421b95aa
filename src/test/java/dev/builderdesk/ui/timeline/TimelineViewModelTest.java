package dev.builderdesk.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.client.RunEvent;
import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.StreamEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeline's reduction of run events, without a display. */
class TimelineViewModelTest {
    final TimelineViewModel model = new TimelineViewModel();

    static StreamEvent env(String event) {
        return new StreamEvent(event, "r", "a", 1, null, "run", Json.object(), List.of());
    }

    static RunEvent delta(String text) {
        return new RunEvent.AssistantDelta(env("assistant.delta"), text);
    }

    static RunEvent started(String span, String tool, JsonNode input) {
        return new RunEvent.ToolStarted(env("tool.started"), new EventPayload.ToolStarted(tool, span, input));
    }

    @Test
    void deltasOfOneBatchMergeIntoOneAssistantRowAndThinkingGoes() {
        model.userTurn("make it blue", "run-1", "Auto → Model A");
        assertThat(model.items()).hasSize(2).last().isInstanceOf(TimelineItem.Thinking.class);
        model.apply(List.of(delta("Sure, "), delta("reading "), delta("the file.")));
        assertThat(model.items()).containsExactly(new TimelineItem.UserTurn("make it blue", "run-1"),
                new TimelineItem.AssistantTurn("Sure, reading the file.", "Auto → Model A"));
    }

    @Test
    void toolCardsGetAnIntentLabelAndTheirOutcome() {
        model.apply(List.of(started("c1", "coding_agent_read_file", Json.object().put("path", "src/App.tsx")),
                started("c2", "coding_agent_apply_patch", Json.object().put("patch", "x")),
                new RunEvent.ToolCompleted(env("tool.completed"), new EventPayload.ToolFinished(
                        "coding_agent_read_file", "c1", Json.object().put("ok", true), 4)),
                new RunEvent.ToolFailed(env("tool.failed"), new EventPayload.ToolFinished("coding_agent_apply_patch",
                        "c2", Json.object().put("ok", false), 2), List.of(Diagnostic.of("Patch apply failed",
                        "PATCH_HUNK_MISMATCH")))));
        var read = (TimelineItem.ToolCall) model.items().get(0);
        var patch = (TimelineItem.ToolCall) model.items().get(1);
        assertThat(read.label()).isEqualTo("Reading src/App.tsx");
        assertThat(read.state()).isEqualTo(TimelineItem.ToolCall.State.DONE);
        assertThat(read.durationMs()).isEqualTo(4);
        assertThat(patch.label()).isEqualTo("Patching a file");
        assertThat(patch.state()).isEqualTo(TimelineItem.ToolCall.State.FAILED);
        assertThat(patch.diagnostics().get(0).code()).isEqualTo("PATCH_HUNK_MISMATCH");
    }

    @Test
    void aCardNeverHangsInRunningAfterTheRunEnded() {
        model.apply(List.of(started("c1", "coding_agent_list_files", Json.object()),
                new RunEvent.Cancelled(env("run.cancelled"), null)));
        var card = (TimelineItem.ToolCall) model.items().get(0);
        assertThat(card.state()).isEqualTo(TimelineItem.ToolCall.State.FAILED);
        assertThat(model.items().get(1)).isEqualTo(new TimelineItem.RunOutcome("cancelled",
                "Stopped; the partial answer is kept.", List.of()));
    }

    @Test
    void failuresRetriesAndMidStreamErrorsAreShown() {
        model.apply(List.of(new RunEvent.ProviderRetry(env("provider.retry"), new EventPayload.ProviderRetry(2, 3,
                        null, "The provider failed (500)", 500)),
                new RunEvent.RunError(env("run.error"), List.of(Diagnostic.of("Max tool iterations reached", null))),
                new RunEvent.Failed(env("run.failed"), null, List.of(Diagnostic.of("The provider rejected the API"
                        + " key (401)", "PROVIDER_AUTH_FAILED")))));
        assertThat(model.items()).containsExactly(new TimelineItem.Notice("Provider retry 2/3: The provider failed"
                        + " (500)"), new TimelineItem.Notice("Max tool iterations reached"),
                new TimelineItem.RunOutcome("failed", "The provider rejected the API key (401) (PROVIDER_AUTH_FAILED)",
                        List.of(Diagnostic.of("The provider rejected the API key (401)", "PROVIDER_AUTH_FAILED"))));
    }

    static RunEvent completed(String span, String tool) {
        return new RunEvent.ToolCompleted(env("tool.completed"), new EventPayload.ToolFinished(tool, span,
                Json.object().put("ok", true), 3));
    }

    static RunEvent failed(String span, String tool, String code) {
        return new RunEvent.ToolFailed(env("tool.failed"), new EventPayload.ToolFinished(tool, span,
                Json.object().put("ok", false), 1), List.of(Diagnostic.of("Patch apply failed", code)));
    }

    static RunEvent read(String span, String path) {
        return started(span, "coding_agent_read_file", Json.object().put("path", path));
    }

    @Test
    void consecutiveSuccessfulReadsFoldIntoOneExploredRow() {
        model.apply(List.of(read("r1", "src/App.tsx"), completed("r1", "coding_agent_read_file"),
                read("r2", "index.html"), completed("r2", "coding_agent_read_file"),
                read("r3", "src/main.tsx")));
        assertThat(model.items()).hasSize(2);
        var group = (TimelineItem.Explored) model.items().get(0);
        assertThat(group.reads()).extracting(TimelineItem.ToolCall::spanId).containsExactly("r1", "r2");
        assertThat(group.targets()).isEqualTo("src/App.tsx, index.html");
        assertThat(((TimelineItem.ToolCall) model.items().get(1)).state())
                .as("a read still running stays its own card").isEqualTo(TimelineItem.ToolCall.State.RUNNING);

        model.apply(List.of(completed("r3", "coding_agent_read_file"),
                started("p1", "coding_agent_apply_patch", Json.object().put("patch", "x")),
                completed("p1", "coding_agent_apply_patch"), read("r4", "a.css"), completed("r4",
                        "coding_agent_read_file")));
        assertThat(((TimelineItem.Explored) model.items().get(0)).reads()).hasSize(3);
        assertThat(model.items().get(2)).as("a read after a patch starts afresh")
                .isInstanceOf(TimelineItem.ToolCall.class);
    }

    @Test
    void aFailedReadIsNeverHiddenInAGroup() {
        model.apply(List.of(read("r1", "a.ts"), completed("r1", "coding_agent_read_file"),
                read("r2", "../etc/passwd"), failed("r2", "coding_agent_read_file", "BUILDER_PATCH_POLICY_VIOLATION")));
        assertThat(model.items()).hasSize(2);
        assertThat(((TimelineItem.ToolCall) model.items().get(1)).state())
                .isEqualTo(TimelineItem.ToolCall.State.FAILED);
    }

    @Test
    void aFailureIsMarkedRecoveredWhenTheSameToolLaterSucceedsElseNotRecoveredAtTheEnd() {
        model.apply(List.of(started("p1", "coding_agent_apply_patch", Json.object()),
                failed("p1", "coding_agent_apply_patch", "PATCH_HUNK_MISMATCH")));
        assertThat(((TimelineItem.ToolCall) model.items().get(0)).recovery())
                .isEqualTo(TimelineItem.ToolCall.Recovery.PENDING);
        model.apply(List.of(started("w1", "coding_agent_write_file", Json.object()),
                failed("w1", "coding_agent_write_file", "BUILDER_PATCH_POLICY_VIOLATION"),
                started("p2", "coding_agent_apply_patch", Json.object()), completed("p2", "coding_agent_apply_patch"),
                new RunEvent.Completed(env("run.completed"), null)));
        assertThat(((TimelineItem.ToolCall) model.items().get(0)).recovery())
                .isEqualTo(TimelineItem.ToolCall.Recovery.RECOVERED);
        assertThat(((TimelineItem.ToolCall) model.items().get(1)).recovery())
                .isEqualTo(TimelineItem.ToolCall.Recovery.NOT_RECOVERED);
    }
}

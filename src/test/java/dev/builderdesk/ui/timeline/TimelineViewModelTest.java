package dev.builderdesk.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.client.RunEvent;
import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** The timeline's reduction of run events into rows, without a display. */
class TimelineViewModelTest {
    final TimelineViewModel model = new TimelineViewModel();
    long seq;

    RunEvent event(String run, EventPayload payload, List<Diagnostic> diagnostics) {
        return new RunEvent(new StreamEvent(payload.type().wire(), run, "a", ++seq, null, payload.type().stage(),
                Json.object(), diagnostics), payload);
    }

    RunEvent delta(String text) {
        return event("r1", new EventPayload.AssistantDelta(text), List.of());
    }

    RunEvent started(String run, String span, String tool, JsonNode input) {
        return event(run, new EventPayload.ToolStarted(tool, span, input), List.of());
    }

    RunEvent completed(String run, String span, String tool) {
        return event(run, new EventPayload.ToolCompleted(tool, span, Json.object().put("ok", true), 4), List.of());
    }

    RunEvent failed(String run, String span, String tool, String code) {
        return event(run, new EventPayload.ToolFailed(tool, span, Json.object().put("ok", false), 2),
                List.of(Diagnostic.of("It failed", code)));
    }

    RunEvent ended(String run) {
        return event(run, new EventPayload.RunCompleted(null), List.of());
    }

    List<TimelineItem> rows(Class<?> kind) {
        return model.items().stream().filter(kind::isInstance).toList();
    }

    @Test
    void aTurnIsThePromptTheHeaderOnceAndTheTextAsBlocksAndThinkingGoesWithTheFirstText() {
        model.startTurn("r1", "make it blue", "Auto → Model A");
        assertThat(model.items()).containsExactly(new TimelineItem.UserTurn("r1", "make it blue"),
                new TimelineItem.TurnHeader("r1", "Auto → Model A"), new TimelineItem.Thinking("r1"));
        model.apply("r1", List.of(delta("Sure, "), delta("reading the file.\n\nThen "), delta("a second one.")));
        assertThat(model.items()).extracting(TimelineItem::getClass).containsExactly(TimelineItem.UserTurn.class,
                TimelineItem.TurnHeader.class, TimelineItem.TextBlock.class, TimelineItem.TextBlock.class);
        assertThat(rows(TimelineItem.TextBlock.class)).extracting(r -> ((TimelineItem.TextBlock) r).markdown())
                .containsExactly("Sure, reading the file.", "Then a second one.");
    }

    @Test
    void aDeltaChangesOnlyTheLastBlockRow() {
        model.startTurn("r1", "p", "M");
        model.apply("r1", List.of(delta("# Title\n\nSome text.\n\n```tsx\nconst a = 1;\n")));
        List<String> changes = new ArrayList<>();
        model.items().addListener((ListChangeListener<TimelineItem>) c -> {
            while (c.next()) {
                changes.add((c.wasReplaced() ? "set " : c.wasAdded() ? "add " : "remove ") + c.getFrom());
            }
        });
        model.apply("r1", List.of(delta("const b = 2;\n``")));
        model.apply("r1", List.of(delta("`\n\nAfter.")));
        assertThat(changes).containsExactly("set 4", "set 4", "add 5");
        assertThat(((TimelineItem.TextBlock) model.items().get(4)).markdown())
                .isEqualTo("```tsx\nconst a = 1;\nconst b = 2;\n```");
    }

    @Test
    void textAroundToolCallsIsSeparateParagraphsNeverGluedAndCopyJoinsThemWithABlankLine() {
        model.startTurn("r1", "p", "M");
        model.apply("r1", List.of(delta("Let me look at the project first."),
                started("r1", "c1", "coding_agent_write_file", Json.object().put("path", "a.txt")),
                completed("r1", "c1", "coding_agent_write_file"), delta("Now I'll fix it."), ended("r1")));
        assertThat(rows(TimelineItem.TextBlock.class)).extracting(r -> ((TimelineItem.TextBlock) r).markdown())
                .containsExactly("Let me look at the project first.", "Now I'll fix it.");
        var outcome = (TimelineItem.RunOutcome) model.items().get(model.items().size() - 1);
        assertThat(outcome.text()).isEqualTo("Let me look at the project first.\n\nNow I'll fix it.");
    }

    @Test
    void toolCardsGetAnIntentLabelAndTheirOutcome() {
        model.startTurn("r1", "p", "M");
        model.apply("r1", List.of(started("r1", "c1", "coding_agent_read_file",
                Json.object().put("path", "src/App.tsx")),
                started("r1", "c2", "coding_agent_apply_patch", Json.object().put("patch", "x")),
                completed("r1", "c1", "coding_agent_read_file"),
                failed("r1", "c2", "coding_agent_apply_patch", "PATCH_HUNK_MISMATCH")));
        var read = (TimelineItem.ToolCall) rows(TimelineItem.ToolCall.class).get(0);
        var patch = (TimelineItem.ToolCall) rows(TimelineItem.ToolCall.class).get(1);
        assertThat(read.label()).isEqualTo("Reading src/App.tsx");
        assertThat(read.state()).isEqualTo(TimelineItem.ToolCall.State.DONE);
        assertThat(patch.label()).isEqualTo("Patching a file");
        assertThat(patch.state()).isEqualTo(TimelineItem.ToolCall.State.FAILED);
        assertThat(patch.diagnostics().get(0).code()).isEqualTo("PATCH_HUNK_MISMATCH");
    }

    @Test
    void aCardNeverHangsInRunningAfterTheRunEnded() {
        model.startTurn("r1", "p", "M");
        model.apply("r1", List.of(started("r1", "c1", "coding_agent_list_files", Json.object()), ended("r1")));
        var call = (TimelineItem.ToolCall) rows(TimelineItem.ToolCall.class).get(0);
        assertThat(call.state()).isEqualTo(TimelineItem.ToolCall.State.FAILED);
        assertThat(call.recovery()).isEqualTo(TimelineItem.ToolCall.Recovery.NOT_RECOVERED);
    }

    @Test
    void aProviderFailureIsAFailureRowWithItsCodeNeverAssistantText() {
        model.startTurn("r1", "p", "M");
        model.apply("r1", List.of(event("r1", new EventPayload.RunFailed(null),
                List.of(Diagnostic.of("The provider rejected the API key (401)", "PROVIDER_AUTH_FAILED")))));
        assertThat(rows(TimelineItem.TextBlock.class)).isEmpty();
        var outcome = (TimelineItem.RunOutcome) model.items().get(model.items().size() - 1);
        assertThat(outcome.status()).isEqualTo("failed");
        assertThat(outcome.diagnostics().get(0).code()).isEqualTo("PROVIDER_AUTH_FAILED");
    }

    @Test
    void consecutiveReadsFoldIntoExploredAndTheSameCallRepeatedFoldsIntoTimesN() {
        model.startTurn("r1", "p", "M");
        List<RunEvent> events = new ArrayList<>();
        for (String path : List.of("a.tsx", "b.tsx", "c.css")) {
            events.add(started("r1", path, "coding_agent_read_file", Json.object().put("path", path)));
            events.add(completed("r1", path, "coding_agent_read_file"));
        }
        for (int i = 0; i < 30; i++) {
            events.add(started("r1", "l" + i, "coding_agent_list_files", Json.object()));
            events.add(completed("r1", "l" + i, "coding_agent_list_files"));
        }
        model.apply("r1", events);
        assertThat(rows(TimelineItem.ToolGroup.class)).extracting(g -> ((TimelineItem.ToolGroup) g).title())
                .containsExactly("Explored 3 files", "Listing files ×30");
        assertThat(((TimelineItem.ToolGroup) rows(TimelineItem.ToolGroup.class).get(0)).targets())
                .isEqualTo("a.tsx, b.tsx, c.css");
        assertThat(rows(TimelineItem.ToolCall.class)).isEmpty();
    }

    @Test
    void aFailureIsRecoveredByALaterSuccessOnTheSameTargetAndNotByOneElsewhere() {
        model.startTurn("r1", "p", "M");
        model.apply("r1", List.of(started("r1", "c1", "coding_agent_apply_patch",
                Json.object().put("path", "src/App.tsx")), failed("r1", "c1", "coding_agent_apply_patch", "PATCH_X"),
                started("r1", "c2", "coding_agent_apply_patch", Json.object().put("path", "x.css")),
                failed("r1", "c2", "coding_agent_apply_patch", "PATCH_X"),
                started("r1", "c3", "coding_agent_write_file", Json.object().put("path", "src/App.tsx")),
                completed("r1", "c3", "coding_agent_write_file"), ended("r1")));
        var calls = rows(TimelineItem.ToolCall.class);
        assertThat(((TimelineItem.ToolCall) calls.get(0)).recovery()).as("a write of the file the patch missed")
                .isEqualTo(TimelineItem.ToolCall.Recovery.RECOVERED);
        assertThat(((TimelineItem.ToolCall) calls.get(1)).recovery()).as("nothing fixed x.css")
                .isEqualTo(TimelineItem.ToolCall.Recovery.NOT_RECOVERED);
    }

    @Test
    void rowKeysOfTwoRunsNeverCollideEvenWithTheSameProviderCallIds() {
        for (String run : List.of("r1", "r2")) {
            model.startTurn(run, "p", "M");
            model.apply(run, List.of(started(run, "call_0", "coding_agent_write_file",
                    Json.object().put("path", "a")), completed(run, "call_0", "coding_agent_write_file"),
                    ended(run)));
        }
        List<String> keys = model.items().stream().map(TimelineItem::key).toList();
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(rows(TimelineItem.ToolCall.class)).extracting(TimelineItem::key)
                .allMatch(k -> k.startsWith("r1/tool/") || k.startsWith("r2/tool/"));
    }

    @Test
    void anEventSeenTwiceIsAppliedOnce() {
        model.startTurn("r1", "p", "M");
        RunEvent hello = delta("Hello");
        model.apply("r1", List.of(hello));
        model.apply("r1", List.of(hello, delta(" world")));
        assertThat(((TimelineItem.TextBlock) model.items().get(2)).markdown()).isEqualTo("Hello world");
    }

    @Test
    void aReplayedTurnHasTheSameRowsAsTheLiveOne() {
        List<RunEvent> events = List.of(delta("Reading."), started("r1", "c1", "coding_agent_read_file",
                Json.object().put("path", "a")), completed("r1", "c1", "coding_agent_read_file"),
                delta("Done: **bold** and a table\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"), ended("r1"));
        model.startTurn("r1", "p", "M");
        for (RunEvent e : events) {
            model.apply("r1", List.of(e));
        }
        List<TimelineItem> live = List.copyOf(model.items());
        TimelineViewModel reopened = new TimelineViewModel();
        reopened.prepend(List.of(reopened.replayed("r1", "p", "M", events)));
        assertThat(reopened.items()).containsExactlyElementsOf(live);
    }
}

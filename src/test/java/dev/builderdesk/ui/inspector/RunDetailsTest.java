package dev.builderdesk.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunMetrics;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.ui.inspector.InspectorViewModel.Action;
import dev.builderdesk.ui.inspector.InspectorViewModel.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inspector's words for a run object: the model row, the rows shown per status, why an action is off. */
class RunDetailsTest {
    private static final String MODEL = "5d1e0000-0000-4000-8000-00000000000a";

    private static Run run(String status, String requested, String checkpoint) {
        return new Run("c71f3b8e-6e6c-4e9c-a28c-f9af6317917c", status, "opencode", Run.SURFACE, "app", "base",
                checkpoint, checkpoint, requested, MODEL, null, null, null, null, null, null, true, "Model A",
                List.of("The app folder changed during the run; the result was kept as a checkpoint"), null,
                new RunMetrics(120L, 2400L, 3, 4, 1, 0, 2, 10, 3, null, null, 1), "prompt", null, null);
    }

    @Test
    void theModelRowSaysWhatWasAskedAndWhatRan() {
        assertThat(RunDetails.modelRow(run("completed", null, null))).isEqualTo("Auto → Model A");
        assertThat(RunDetails.modelRow(run("completed", MODEL, null))).isEqualTo("Model A");
        assertThat(RunDetails.modelRow(run("completed", "9a0c1234-0000-4000-8000-000000000000", null)))
                .isEqualTo("9a0c1234 → Model A");
    }

    @Test
    void countersAreShownOnlyOnceASegmentSettled() {
        List<String> running = RunDetails.rows(run("running", null, null), RunStatus.RUNNING).stream()
                .map(Field::label).toList();
        assertThat(running).contains("Timings").doesNotContain("Duration", "Tool calls");
        List<Field> done = RunDetails.rows(run("completed", null, "rev"), RunStatus.COMPLETED);
        assertThat(done).extracting(Field::label).doesNotContain("Timings", "Paused")
                .contains("Duration", "Warning");
        assertThat(done).filteredOn(f -> f.label().equals("Engine")).extracting(Field::value)
                .containsExactly("OpenCode");
        assertThat(done).filteredOn(f -> f.label().equals("Tool calls")).extracting(Field::value)
                .containsExactly("4 · 1 failed");
        assertThat(done).filteredOn(f -> f.label().equals("Files changed")).extracting(Field::value)
                .containsExactly("2 · +10 −3");
        assertThat(RunDetails.rows(run("paused", null, null), RunStatus.PAUSED)).extracting(Field::label)
                .contains("Paused");
    }

    @Test
    void eachActionSaysWhyItIsOff() {
        Run completed = run("completed", null, "rev");
        assertThat(RunDetails.whyNot(Action.REVERT, completed, RunStatus.COMPLETED, false)).isEmpty();
        assertThat(RunDetails.whyNot(Action.REVERT, run("completed", null, null), RunStatus.COMPLETED, false))
                .isEqualTo("This run changed no files");
        assertThat(RunDetails.whyNot(Action.CANCEL, run("running", null, null), RunStatus.RUNNING, true))
                .isEqualTo("Cancelling…");
        assertThat(RunDetails.whyNot(Action.RESUME, run("running", null, null), RunStatus.RUNNING, false))
                .isEqualTo("The run is still running");
        assertThat(RunDetails.parseStatus("waiting")).isNull();
        assertThat(RunDetails.whyNot(Action.RETRY, run("waiting", null, null), null, false))
                .isEqualTo("This client does not know the status 'waiting'");
    }
}

package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.Answers;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.ui.timeline.TimelineItem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A reopened thread is rebuilt from the runs' durable event logs and shows exactly the rows shown live — for a run
 * that completed with many tool calls and a long Markdown answer, one whose provider refused the key, one the user
 * stopped — and a run of one thread never writes into another.
 */
class ThreadReplayUiTest extends UiTestBase {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    static final String PRICING = """
            import "./Pricing.css";

            type Tier = { name: string; monthly: number; highlighted?: boolean };

            const TIERS: Tier[] = [
              { name: "Free", monthly: 0 },
              { name: "Pro", monthly: 12, highlighted: true },
              { name: "Team", monthly: 49 },
            ];

            export function Pricing() {
              return (
                <section className="pricing">
                  {TIERS.map((t) => (
                    <article key={t.name} className={t.highlighted ? "tier tier--highlighted" : "tier"}>
                      <h3>{t.name}</h3>
                      <p>${t.monthly}/month</p>
                    </article>
                  ))}
                </section>
              );
            }
            """;

    static final String APP_CSS = """
            .app {
              max-width: 72rem;
              margin: 0 auto;
              padding: 2rem 1.5rem;
            }

            .pricing {
              display: grid;
              grid-template-columns: repeat(3, 1fr);
              gap: 1.5rem;
            }
            """;

    /** Thirteen tool calls (reads, listings, a failing patch, two writes) and then a realistic answer. */
    static List<Reply> manyToolCalls(String finalAnswer) {
        List<Reply> replies = new ArrayList<>();
        for (String path : List.of("src/App.tsx", "src/main.tsx", "src/App.css", "index.html")) {
            replies.add(Reply.toolCall(null, "coding_agent_read_file", "{\"path\":\"" + path + "\"}"));
        }
        for (int i = 0; i < 5; i++) {
            replies.add(Reply.toolCall(i == 0 ? "Let me see the whole project." : null, "coding_agent_list_files",
                    "{}"));
        }
        replies.add(Reply.toolCall("Patching the app.", "coding_agent_apply_patch",
                "{\"patch\":\"--- a/src/App.tsx\\n+++ b/src/App.tsx\\n@@ -90,1 +90,1 @@\\n-nope\\n+yes\\n\"}"));
        replies.add(Reply.toolCall("The patch missed; writing the file instead.", "coding_agent_write_file",
                "{\"path\":\"src/Pricing.tsx\",\"content\":" + dev.builderdesk.protocol.Json.write(PRICING) + "}"));
        replies.add(Reply.toolCall(null, "coding_agent_write_file",
                "{\"path\":\"src/App.css\",\"content\":" + dev.builderdesk.protocol.Json.write(APP_CSS) + "}"));
        replies.add(Reply.toolCall(null, "coding_agent_read_file", "{\"path\":\"src/Pricing.tsx\"}"));
        replies.add(Reply.text(finalAnswer));
        return replies;
    }

    @Test
    void aCompletedRunWithManyToolCallsAndALongAnswerReopensExactlyAsItWasShownLive(FxRobot robot)
            throws Exception {
        awaitConnected();
        server.llm().script("model-a", manyToolCalls(Answers.answer("pricing-section")).toArray(Reply[]::new));
        sendAndWait(robot, "Add a pricing section with three tiers");
        List<TimelineItem> live = List.copyOf(model.timeline().items());
        assertThat(live).anyMatch(i -> i instanceof TimelineItem.ToolGroup g && g.title().equals("Explored 4 files"));
        assertThat(live).anyMatch(i -> i instanceof TimelineItem.ToolGroup g
                && g.title().equals("Listing files ×5"));
        assertThat(live).anyMatch(i -> i instanceof TimelineItem.ToolCall t
                && t.state() == TimelineItem.ToolCall.State.FAILED);
        assertThat(live).filteredOn(i -> i instanceof TimelineItem.TurnHeader).as("the model named once per run")
                .hasSize(1);
        assertThat(TimelineRows.text(live)).contains("Let me see the whole project.", "Patching the app.");

        List<TimelineItem> reopened = reopenShownThread();
        assertThat(reopened).containsExactlyElementsOf(live);
        int failure = indexOf(i -> i instanceof TimelineItem.ToolCall t
                && t.state() == TimelineItem.ToolCall.State.FAILED);
        robot.interact(() -> robot.lookup("#timeline-list").queryListView().scrollTo(Math.max(0, failure - 3)));
        WaitForAsyncUtils.waitForFxEvents();
        snapshotBothThemes("07-reopened-thread");

        // The turn's "N files changed" opens the run's diff, as the revision-diff route gives it.
        var run = ((TimelineItem.RunOutcome) live.get(live.size() - 1)).run();
        var route = server.owner().get("/admin/apps/" + appId() + "/revisions/" + run.baseRevisionId() + "/diff/"
                + run.resultRevisionId()).json();
        // To the end as a user gets there: the wheel (a jump by index lands where estimated row heights say).
        robot.moveTo("#timeline-list");
        for (int i = 0; i < 8; i++) {
            robot.scroll(10, javafx.geometry.VerticalDirection.UP);
        }
        WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> robot.lookup("#timeline-changes")
                .match(Node::isVisible).tryQuery().isPresent());
        robot.clickOn(robot.lookup("#timeline-changes").match(Node::isVisible).queryAs(Node.class));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#diff-view").query().getParent()
                .isVisible() && !model.diff().files().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.diff().files()).extracting(f -> f.path())
                .containsExactlyElementsOf(route.get("files").findValuesAsText("path"));
        int added = route.get("files").findValues("lines_added").stream().mapToInt(n -> n.asInt()).sum();
        assertThat(robot.lookup("#diff-summary").queryLabeled().getText()).contains("+" + added);
        snapshotBothThemes("10-run-diff");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !robot.lookup("#diff-view").query().getParent()
                .isVisible());
    }

    @Test
    void aProviderFailureIsAFailureRowLiveAndAfterReopening(FxRobot robot) throws Exception {
        awaitConnected();
        server.llm().script("model-a", Reply.status(401, "Incorrect API key provided"));
        sendAndWait(robot, "Add a footer");
        List<TimelineItem> live = List.copyOf(model.timeline().items());
        var outcome = (TimelineItem.RunOutcome) live.get(live.size() - 1);
        assertThat(outcome.status()).isEqualTo("failed");
        assertThat(outcome.diagnostics().get(0).code()).isEqualTo("PROVIDER_AUTH_FAILED");
        assertThat(live).noneMatch(i -> i instanceof TimelineItem.TextBlock);
        assertThat(reopenShownThread()).containsExactlyElementsOf(live);
    }

    @Test
    void aStoppedRunKeepsItsPartialAnswerLiveAndAfterReopening(FxRobot robot) throws Exception {
        awaitConnected();
        server.llm().script("model-a", Reply.slowText(400, 15));
        type(robot, "Write a long essay");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TimelineRows.text(model.timeline().items())
                .contains("word10"));
        robot.clickOn("#composer-send");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> outcomes() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        List<TimelineItem> live = List.copyOf(model.timeline().items());
        assertThat(((TimelineItem.RunOutcome) live.get(live.size() - 1)).status()).isEqualTo("cancelled");
        assertThat(reopenShownThread()).containsExactlyElementsOf(live);
    }

    @Test
    void switchingThreadsMidRunPutsNothingOfTheRunInTheOtherThreadAndGoingBackShowsItComplete(FxRobot robot)
            throws Exception {
        awaitConnected();
        server.llm().script("model-a", Reply.slowText(120, 15));
        type(robot, "Thread one, slowly");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TimelineRows.text(model.timeline().items())
                .contains("word5"));
        String runOne = model.thread().followedRunId();
        String threadOne = model.thread().sessionIdProperty().get();

        robot.clickOn("#new-thread");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.timeline().items()).isEmpty();
        assertThat(model.composer().runningProperty().get()).as("Stop belongs to the shown thread").isFalse();
        server.llm().script("model-a", Reply.text("Thread two answer."));
        sendAndWait(robot, "Thread two");
        Thread.sleep(600);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.timeline().items()).noneMatch(i -> runOne.equals(i.runId()));
        assertThat(TimelineRows.text(model.timeline().items())).doesNotContain("word").contains("Thread two answer.");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> server.owner().get(dev.builderdesk.testkit.TestServer
                .runs(appId()) + "/" + runOne).json().get("status").asText().equals("completed"));
        var first = model.threads().stream().filter(t -> t.id().equals(threadOne)).findFirst().orElseThrow();
        org.testfx.api.FxToolkit.setupFixture(() -> model.openThread(first));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> outcomes() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(TimelineRows.text(model.timeline().items())).contains("word0", "word119");
        assertThat(model.timeline().items()).allMatch(i -> runOne.equals(i.runId()));
    }

    @Test
    void aNewRunsCardsStartCollapsedAfterACardOfAnEarlierRunWasExpanded(FxRobot robot) throws Exception {
        awaitConnected();
        Reply write = Reply.toolCall("Writing.", "coding_agent_write_file",
                "{\"path\":\"NOTES.md\",\"content\":\"hello\\n\"}");
        server.llm().script("model-a", write, Reply.text("First done."));
        sendAndWait(robot, "first");
        Node card = robot.lookup(".timeline-tool-row").query();
        robot.clickOn(card);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(expandedCells(robot)).hasSize(1);

        server.llm().script("model-a", write, Reply.text("Second done."));
        sendAndWait(robot, "second");
        String second = model.thread().followedRunId();
        int secondCard = indexOf(i -> i instanceof TimelineItem.ToolCall t && t.runId().equals(second));
        robot.interact(() -> robot.lookup("#timeline-list").queryListView().scrollTo(secondCard));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(toolCells(robot)).as("the second run's card is on screen")
                .anyMatch(c -> second.equals(((TimelineItem) c.getItem()).runId()));
        assertThat(toolCells(robot)).as("the same provider call id in the next run opens nothing")
                .filteredOn(c -> second.equals(((TimelineItem) c.getItem()).runId()))
                .noneMatch(c -> c.getPseudoClassStates().contains(OPEN));
    }

    private static final PseudoClass OPEN = PseudoClass.getPseudoClass("expanded");

    private List<ListCell<?>> toolCells(FxRobot robot) {
        return robot.lookup(".timeline-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getItem() instanceof TimelineItem.ToolCall && c.isVisible())
                .<ListCell<?>>map(c -> c).toList();
    }

    private List<TimelineItem> expandedCells(FxRobot robot) {
        return robot.lookup(".timeline-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getItem() != null && c.getPseudoClassStates().contains(OPEN))
                .map(c -> (TimelineItem) c.getItem()).toList();
    }
}

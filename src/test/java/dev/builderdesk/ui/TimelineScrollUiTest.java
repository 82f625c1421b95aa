package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.Answers;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The timeline scrolls like a chat: while the user is at the bottom a growing answer keeps its end in view; once
 * the user scrolls up nothing moves under them, and "↓ New activity" brings them back to the end.
 */
class TimelineScrollUiTest extends UiTestBase {
    /** The headless robot's wheel moves the list a pixel a turn (a real wheel's notch is about 40 px). */
    private static final int WHEEL_TURNS = 120;

    @Start
    void start(Stage stage) {
        open(stage);
    }

    /** The long answer in small pieces at a steady pace, as a model streams it. */
    static Reply streamed(String text, int pieces, long totalMillis) {
        List<String> parts = split(text, pieces);
        return Reply.pieces(parts, totalMillis * 1_000_000 / parts.size());
    }

    static List<String> split(String text, int pieces) {
        List<String> parts = new ArrayList<>();
        int size = Math.max(1, text.length() / pieces);
        for (int i = 0; i < text.length(); i += size) {
            parts.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return parts;
    }

    @Test
    void followsTheEndOnlyWhileTheUserIsAtTheBottom(FxRobot robot) throws Exception {
        awaitConnected();
        // The test lets the answer out piece by piece, so the stream is exactly where each step needs it however
        // slow the machine is.
        Semaphore tap = new Semaphore(0);
        server.llm().script("model-a", Reply.onTap(split(Answers.answer("refactor-hooks") + "\n\n"
                + Answers.answer("pricing-section"), 400), tap));
        type(robot, "Refactor the data fetching");
        robot.type(KeyCode.ENTER);
        ListView<?> list = robot.lookup("#timeline-list").queryListView();
        streamUntil(tap, () -> model.timeline().items().size() > 12);
        // Checked after a pulse has laid out the newest rows (a check between a batch and its layout sees stale
        // cells); a timeline that did not follow would never get there.
        awaitEnd(list);
        int grownTo = model.timeline().items().size();
        streamUntil(tap, () -> model.timeline().items().size() > grownTo + 3);
        awaitEnd(list);

        robot.moveTo(list);
        AtomicInteger wheelEvents = new AtomicInteger();
        robot.interact(() -> list.addEventFilter(ScrollEvent.SCROLL, e -> wheelEvents.incrementAndGet()));
        // (TestFX's glass robot sends DOWN as a wheel turned towards the top of the content.)
        robot.scroll(WHEEL_TURNS, VerticalDirection.DOWN);
        // The glass robot hands each turn to an input thread that posts it to the FX thread later, so the wheel's
        // events arrive over several pulses on a busy machine (a turn that lands on a nested code block can be
        // delivered twice): read the place once the list has had every turn and has stopped moving.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> wheelEvents.get() >= WHEEL_TURNS);
        String settled = "";
        for (String seen = placeInView(list); !seen.equals(settled); seen = placeInView(list)) {
            settled = seen;
            Thread.sleep(300);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(endInView(list)).as("the user scrolled away from the end").isFalse();
        String place = placeInView(list);
        int rowsBefore = model.timeline().items().size();
        streamUntil(tap, () -> model.timeline().items().size() > rowsBefore + 3);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(placeInView(list)).as("nothing moves under a user who scrolled up").isEqualTo(place);
        assertThat(robot.lookup("#timeline-new-activity").query().isVisible()).isTrue();

        robot.clickOn("#timeline-new-activity");
        awaitEnd(list);
        assertThat(robot.lookup("#timeline-new-activity").query().isVisible()).isFalse();
        int rowsNow = model.timeline().items().size();
        streamUntil(tap, () -> model.timeline().items().size() > rowsNow + 3 || outcomes() == 1);
        awaitEnd(list);
        tap.release(Integer.MAX_VALUE / 2);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> outcomes() == 1);
        awaitEnd(list);
    }

    /**
     * A real wheel's notches over a reopened long thread (tool cards, long code blocks) move it steadily up: rows
     * whose heights were only estimated until they scroll into view must not make the list jump back down.
     */
    @Test
    void theWheelScrollsAReopenedLongThreadSteadilyUp(FxRobot robot) throws Exception {
        awaitConnected();
        String answer = Answers.answer("refactor-hooks") + "\n\n" + Answers.answer("pricing-section");
        for (String prompt : List.of("Refactor the data fetching", "Add a pricing section")) {
            server.llm().script("model-a", ThreadReplayUiTest.manyToolCalls(answer).toArray(Reply[]::new));
            sendAndWait(robot, prompt);
        }
        reopenShownThread();
        ListView<?> list = robot.lookup("#timeline-list").queryListView();
        awaitEnd(list);
        VirtualFlow<?> flow = flow(list);
        String start = placeInView(list);
        String previous = start;
        List<String> moves = new ArrayList<>();
        for (int notch = 0; notch < 70 && !previous.startsWith("0@0.0"); notch++) {
            robot.interact(() -> flow.fireEvent(wheelNotch(flow, 40)));
            // A pulse between notches, as between a hand's notches: the rows that came into view get measured.
            Thread.sleep(25);
            WaitForAsyncUtils.waitForFxEvents();
            String now = placeInView(list);
            if (movedDown(previous, now)) {
                moves.add(previous + " -> " + now);
            }
            previous = now;
        }
        assertThat(moves).as("notches that moved the list down instead of up").isEmpty();
        assertThat(index(previous)).as("the wheel went up the thread").isLessThan(index(start));
    }

    private static ScrollEvent wheelNotch(javafx.scene.Node target, double deltaY) {
        javafx.geometry.Point2D centre = target.localToScene(target.getLayoutBounds().getCenterX(),
                target.getLayoutBounds().getCenterY());
        return new ScrollEvent(ScrollEvent.SCROLL, centre.getX(), centre.getY(), centre.getX(), centre.getY(), false,
                false, false, false, false, false, 0, deltaY, 0, deltaY, ScrollEvent.HorizontalTextScrollUnits.NONE,
                0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null);
    }

    private static int index(String place) {
        return Integer.parseInt(place.substring(0, place.indexOf('@')));
    }

    /** Up the thread, the first row in view has a lower index or, the same row, sits lower on the screen. */
    private static boolean movedDown(String before, String after) {
        int was = index(before);
        int is = index(after);
        double wasY = Double.parseDouble(before.substring(before.indexOf('@') + 1));
        double isY = Double.parseDouble(after.substring(after.indexOf('@') + 1));
        return is > was || is == was && isY < wasY - 0.5;
    }

    /** Lets the answer out a few pieces at a time until {@code reached} holds (once the window has caught up). */
    private void streamUntil(Semaphore tap, java.util.function.BooleanSupplier reached) throws Exception {
        for (int round = 0; round < 400 && !reached.getAsBoolean(); round++) {
            tap.release(8);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tap.availablePermits() == 0 || outcomes() == 1);
            WaitForAsyncUtils.sleep(40, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(reached.getAsBoolean()).as("the stream got there").isTrue();
    }

    /** Waits (a few pulses) for the end of the last row to be in view; says where the view is if it never is. */
    private static void awaitEnd(ListView<?> list) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> endInView(list));
        } catch (java.util.concurrent.TimeoutException e) {
            VirtualFlow<?> flow = flow(list);
            IndexedCell<?> last = flow.getLastVisibleCell();
            throw new AssertionError("end not in view: rows=" + list.getItems().size() + " last shown="
                    + (last == null ? "none" : last.getIndex() + " at " + last.getLayoutY() + "+" + last.getHeight())
                    + " view height=" + flow.getHeight() + " position=" + flow.getPosition());
        }
    }

    private static VirtualFlow<?> flow(ListView<?> list) {
        return (VirtualFlow<?>) list.lookup(".virtual-flow");
    }

    /** Reads the list's geometry on the FX thread: reading it from the test thread races the layout. */
    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first row in view and where it sits: equal twice in a row once the list has stopped moving. */
    private static String placeInView(ListView<?> list) {
        return onFx(() -> {
            IndexedCell<?> first = flow(list).getFirstVisibleCell();
            return first == null ? "none" : first.getIndex() + "@" + first.getLayoutY();
        });
    }

    private static boolean endInView(ListView<?> list) {
        return onFx(() -> endInViewNow(list));
    }

    private static boolean endInViewNow(ListView<?> list) {
        VirtualFlow<?> flow = flow(list);
        IndexedCell<?> last = flow.getLastVisibleCell();
        return last != null && last.getIndex() == list.getItems().size() - 1
                && last.getLayoutY() + last.getHeight() <= flow.getHeight() + 24;
    }
}

package dev.builderdesk.bench;

import static dev.builderdesk.bench.StreamingLatencyBench.collectGarbage;
import static dev.builderdesk.bench.StreamingLatencyBench.fx;
import static dev.builderdesk.bench.StreamingLatencyBench.startToolkit;

import atlantafx.base.theme.PrimerLight;
import dev.builderdesk.client.RunEvent;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.StreamEvent;
import dev.builderdesk.ui.fx.PulseBatcher;
import dev.builderdesk.ui.fx.Stylesheets;
import dev.builderdesk.ui.timeline.TimelineActions;
import dev.builderdesk.ui.timeline.TimelineView;
import dev.builderdesk.ui.timeline.TimelineViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The timeline under a 50,000-event run in a real JavaFX scene (Monocle, software rendering): a producer thread
 * offers events as fast as it can through the same {@link PulseBatcher} the composer uses; the FX thread applies
 * each batch to {@link TimelineViewModel} and lays out and renders the visible cells. Measures events/s applied,
 * the longest batch apply, the longest gap between two pulses (an {@link AnimationTimer}'s frames), and the heap
 * in use after the run with the timeline still on screen. One warm-up run per producer; then three measured runs
 * each. Writes target/benchmarks/timeline.md.
 */
@Tag("bench")
class TimelineBench {
    static final int EVENTS = 50_000;

    record Result(double eventsPerSecond, double longestApplyMs, double longestPulseGapMs, long heapMb) {
    }

    @Test
    void measure() throws Exception {
        startToolkit();
        List<RunEvent> events = events();
        run(events, 0);
        run(events, 25);
        StringBuilder report = new StringBuilder("| producer | repeat | events/s applied | longest batch apply |"
                + " longest pulse gap | heap after (MB) |\n|---|---|---|---|---|---|\n");
        for (int perMilli : new int[] {0, 25}) {
            for (int i = 0; i < 3; i++) {
                Result r = run(events, perMilli);
                report.append(String.format("| %s | %d | %,.0f | %.1f ms | %.1f ms | %d |%n", perMilli == 0
                        ? "unpaced" : "paced, " + perMilli + " events/ms", i + 1, r.eventsPerSecond(),
                        r.longestApplyMs(), r.longestPulseGapMs(), r.heapMb()));
            }
        }
        Path out = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(out.resolve("timeline.md"), report.toString());
        System.out.println(report);
    }

    /** One run; {@code perMilli} > 0 paces the producer to about that many events per millisecond. */
    private Result run(List<RunEvent> events, int perMilli) throws Exception {
        TimelineViewModel model = new TimelineViewModel();
        AtomicLong lastFrame = new AtomicLong();
        AtomicLong longestGap = new AtomicLong();
        AnimationTimer pulses = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long before = lastFrame.getAndSet(now);
                if (before != 0) {
                    longestGap.accumulateAndGet(now - before, Math::max);
                }
            }
        };
        Stage stage = fx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Stage window = new Stage();
            TimelineView view = new TimelineView(model, TimelineActions.NONE);
            Stylesheets.install(view);
            window.setScene(new Scene(view, 900, 700));
            window.show();
            model.begin("run", "Stream fifty thousand events", "Model A");
            return window;
        });
        Thread.sleep(300);
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong applied = new AtomicLong();
        AtomicLong longestApply = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        PulseBatcher<RunEvent> batcher = new PulseBatcher<>(Platform::runLater, batch -> {
            long t0 = System.nanoTime();
            model.apply("run", batch);
            longestApply.accumulateAndGet(System.nanoTime() - t0, Math::max);
            if (applied.addAndGet(batch.size()) == events.size()) {
                finished.set(System.nanoTime());
                done.countDown();
            }
        });
        Platform.runLater(pulses::start);
        Thread.sleep(100);
        long start = System.nanoTime();
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < events.size(); i++) {
                batcher.offer(events.get(i));
                if (perMilli > 0 && i % perMilli == perMilli - 1) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            }
        });
        done.await(120, TimeUnit.SECONDS);
        producer.join();
        Thread.sleep(200);
        // Stop the frame timer before the explicit collections below, so their pauses are not taken for pulses.
        fx(() -> {
            pulses.stop();
            return null;
        });
        collectGarbage();
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        fx(() -> {
            stage.close();
            return null;
        });
        double seconds = (finished.get() - start) / 1e9;
        return new Result(events.size() / seconds, longestApply.get() / 1e6, longestGap.get() / 1e6, heapMb);
    }

    /** Mostly text deltas, with a read or a patch call (started + finished) every 50 events, then completion. */
    private static List<RunEvent> events() {
        List<RunEvent> events = new ArrayList<>(EVENTS);
        for (int seq = 1; events.size() < EVENTS - 1; seq++) {
            if (seq % 50 == 0) {
                String tool = seq % 100 == 0 ? "coding_agent_apply_patch" : "coding_agent_read_file";
                events.add(event(events.size() + 1, new EventPayload.ToolStarted(tool, "c" + seq,
                        Json.object().put("path", "src/file" + seq + ".tsx"))));
                events.add(event(events.size() + 1, new EventPayload.ToolCompleted(tool, "c" + seq,
                        Json.object().put("ok", true), 2)));
            } else {
                events.add(event(events.size() + 1, new EventPayload.AssistantDelta("word" + seq + " ")));
            }
        }
        events.add(event(events.size() + 1, new EventPayload.RunCompleted(null)));
        return events;
    }

    private static RunEvent event(long seq, EventPayload payload) {
        return new RunEvent(new StreamEvent(payload.type().wire(), "run", "app", seq, null, payload.type().stage(),
                Json.object(), List.of()), payload);
    }
}

package dev.builderdesk.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.ui.picker.ModelChoice;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import dev.builderdesk.ui.shell.MainView;
import dev.builderdesk.ui.shell.MainViewModel;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.util.Subscription;

/**
 * {@code --smoke-test}: the launch a package check (and the AOT cache's training run) makes. Once the workspace is
 * ready it sends prompts with the Demo model through the real composer, one after the other, and when the last run
 * has ended it prints one JSON line with the start-up milestones, the outcome, the resident memory and whether the
 * AOT cache was mapped, then ends the process: status 0 when every run completed, 1 with a {@code reason} otherwise.
 * A watchdog ends a launch that hangs.
 */
final class SmokeTest {
    /** The longest a smoke test may take, from the process start, before it fails as hung. */
    static final long TIMEOUT_MS = 180_000;
    private static final String PROMPT = "Smoke test: read the app and add a note.";
    /**
     * How long after the last run the resident memory is read: the app idle again, as a user looking at a task
     * manager sees it, once the launcher's periodic native-heap trim ({@code packaging/jvm-options}) has run.
     */
    static final long SETTLE_MS = 2_500;
    /** How long after its report a smoke test that did not close is ended by force (a clean exit takes < 5 s). */
    static final long EXIT_GRACE_MS = 30_000;

    private final StartupClock clock;
    private final int runs;
    private final PrintStream out;
    private final CompletableFuture<String> outcome = new CompletableFuture<>();
    private volatile long windowShownMs = -1;
    private volatile long serverReadyMs = -1;
    private volatile long workspaceReadyMs = -1;
    private volatile long idleRssMib = -1;
    private volatile int completed;

    SmokeTest(StartupClock clock, int runs, PrintStream out) {
        this.clock = clock;
        this.runs = Math.max(1, runs);
        this.out = out;
    }

    void windowShown() {
        windowShownMs = clock.elapsedMs();
    }

    void serverReady() {
        serverReadyMs = clock.elapsedMs();
    }

    /** A launch that cannot show the workspace (the server did not start): reported at once. */
    void failed(String reason) {
        outcome.complete(reason);
    }

    /**
     * Called on the FX thread once the workspace is usable: starts the first Demo run. Each run's outcome is asked of
     * the server once the window stops following it.
     */
    void workspaceReady(MainViewModel model, MainView view, RunApiClient client, Executor io) {
        workspaceReadyMs = clock.elapsedMs();
        idleRssMib = Memory.residentMib();
        Optional<ModelChoice> demo = demoModel(model.picker());
        if (demo.isEmpty()) {
            outcome.complete("the Demo model is not among the active models");
            return;
        }
        // A thread of its own, not the user's last one, which the relaunch reopened.
        model.newThread();
        model.picker().choose(demo.get());
        model.thread().runningProperty().subscribe((was, running) -> {
            Run run = model.thread().lastRunProperty().get();
            if (was && !running && run != null) {
                CompletableFuture.supplyAsync(() -> client.getRun(run.publishedAppId(), run.runId()), io)
                        .whenCompleteAsync((done, failure) -> ended(model, view, done, failure), Platform::runLater);
            }
        });
        model.composer().problemProperty().subscribe(problem -> {
            if (problem != null && !problem.message().isBlank()) {
                outcome.complete("the run could not be sent: " + problem.message());
            }
        });
        send(model, view);
    }

    /** Types the prompt and sends it as soon as the composer can (a reopened thread may still be loading). */
    private void send(MainViewModel model, MainView view) {
        view.typeIntoComposer(PROMPT + " (" + (completed + 1) + ")");
        if (model.composer().canSendProperty().get()) {
            model.composer().send();
            return;
        }
        Subscription[] once = new Subscription[1];
        once[0] = model.composer().canSendProperty().subscribe(can -> {
            if (can && once[0] != null) {
                once[0].unsubscribe();
                once[0] = null;
                model.composer().send();
            }
        });
    }

    private void ended(MainViewModel model, MainView view, Run run, Throwable failure) {
        if (failure != null) {
            outcome.complete("the run's outcome could not be read: " + failure);
            return;
        }
        if (!RunStatus.COMPLETED.wire().equals(run.status())) {
            outcome.complete("the Demo run ended " + run.status());
            return;
        }
        completed++;
        if (completed < runs) {
            // The next prompt once this turn's last events are shown, as a user would send it.
            Platform.runLater(() -> send(model, view));
        } else {
            outcome.complete(null);
        }
    }

    private static Optional<ModelChoice> demoModel(ModelPickerViewModel picker) {
        return picker.rows().stream()
                .filter(ModelPickerViewModel.Row.Choice.class::isInstance)
                .map(r -> ((ModelPickerViewModel.Row.Choice) r).choice())
                .filter(c -> !c.isAuto() && "demo".equals(c.slug()))
                .findFirst();
    }

    /**
     * Waits for the outcome (or the watchdog), prints the report and returns the process status. Runs off the FX
     * thread.
     */
    int await() {
        String reason;
        try {
            reason = outcome.get(Math.max(1, TIMEOUT_MS - clock.elapsedMs()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reason = "timed out after " + TIMEOUT_MS / 1000 + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
        } catch (ExecutionException e) {
            reason = String.valueOf(e.getCause());
        }
        if (reason == null && (windowShownMs < 0 || workspaceReadyMs < 0)) {
            reason = "a start-up milestone was not reached";
        }
        if (reason == null) {
            try {
                Thread.sleep(SETTLE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("window_shown_ms", windowShownMs);
        line.put("workspace_ready_ms", workspaceReadyMs);
        line.put("server_ready_ms", serverReadyMs);
        line.put("demo_run", reason == null ? "completed" : "failed");
        line.put("rss_mib", Memory.residentMib());
        line.put("aot_cache", AotCache.mapped() ? "used" : "absent");
        line.put("runs", completed);
        line.put("rss_idle_mib", idleRssMib);
        if (reason != null) {
            line.put("reason", reason);
        }
        out.println(line);
        out.flush();
        return reason == null ? 0 : 1;
    }
}

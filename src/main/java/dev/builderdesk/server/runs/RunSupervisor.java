package dev.builderdesk.server.runs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Executes runs in the background, one virtual thread each, independent of any open stream. Knows which runs are
 * executing so they can be cancelled, and pauses them all on a graceful stop.
 */
public final class RunSupervisor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RunSupervisor.class.getName());

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("run-", 0).factory());
    private final ConcurrentHashMap<String, RunHandle> active = new ConcurrentHashMap<>();
    private RunWorker worker;

    void attach(RunWorker runWorker) {
        this.worker = runWorker;
    }

    /** Starts executing a run; {@code resume} continues from its saved conversation state. */
    void submit(String runId, boolean resume) {
        RunHandle handle = new RunHandle(runId);
        active.put(runId, handle);
        executor.execute(() -> {
            try {
                worker.execute(handle, resume);
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "Run " + runId + " worker crashed", e);
            } finally {
                active.remove(runId, handle);
                handle.done.complete(null);
            }
        });
    }

    Optional<RunHandle> handle(String runId) {
        return Optional.ofNullable(active.get(runId));
    }

    /** Pauses every executing run and waits for them to settle, at most {@code grace}. */
    public void pauseAll(Duration grace) {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (RunHandle h : active.values()) {
            h.stop(RunHandle.StopReason.PAUSE);
            pending.add(h.done);
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Some runs did not pause within " + grace);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

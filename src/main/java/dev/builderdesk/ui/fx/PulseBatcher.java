package dev.builderdesk.ui.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands items from any thread to the UI thread in batches: producers never block, and at most one hop to the UI
 * executor is pending at a time, so a stream of thousands of events per second becomes one update per pulse.
 */
public final class PulseBatcher<T> {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor ui;
    private final Consumer<List<T>> apply;

    public PulseBatcher(Executor ui, Consumer<List<T>> apply) {
        this.ui = ui;
        this.apply = apply;
    }

    /** Queues an item; schedules a drain unless one is already pending. */
    public void offer(T item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            ui.execute(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        T item;
        while ((item = queue.poll()) != null) {
            batch.add(item);
        }
        if (!batch.isEmpty()) {
            apply.accept(batch);
        }
    }
}

package dev.builderdesk.providers;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cancel signal shared by a run and the work it does: cancelling runs every registered abort hook once (an
 * in-flight HTTP call, a sleep), and hooks registered later run at once.
 */
public final class Cancellation {
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public boolean isCancelled() {
        return cancelled;
    }

    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        hooks.forEach(Runnable::run);
    }

    /** Registers an abort hook; returns a handle that removes it when the work is done. */
    public AutoCloseable onCancel(Runnable hook) {
        hooks.add(hook);
        if (cancelled) {
            hook.run();
        }
        return () -> hooks.remove(hook);
    }

    /** Sleeps unless cancelled; returns false if the sleep was cut short by a cancel. */
    public boolean sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!cancelled) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(left / 1_000_000 + 1, 20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}

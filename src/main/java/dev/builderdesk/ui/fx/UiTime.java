package dev.builderdesk.ui.fx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The window's time: the clock that relative times ("2 min ago") are told by, and how work waits for a delay (an
 * undo window). The app uses the system's; tests move the clock and release the delayed work themselves, so
 * nothing in them waits for real time.
 *
 * @param clock the clock and its zone
 * @param delays an executor that runs its tasks once the given delay has passed (on any thread)
 */
public record UiTime(Clock clock, Function<Duration, Executor> delays) {
    /** The system clock in the default zone, and real delays. */
    public static UiTime system() {
        return new UiTime(Clock.systemDefaultZone(),
                d -> CompletableFuture.delayedExecutor(d.toMillis(), TimeUnit.MILLISECONDS));
    }

    public Instant now() {
        return clock.instant();
    }

    public ZoneId zone() {
        return clock.getZone();
    }

    /** Runs tasks once {@code delay} has passed. */
    public Executor after(Duration delay) {
        return delays.apply(delay);
    }
}

package dev.builderdesk.testkit;

import dev.builderdesk.ui.fx.UiTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link UiTime} the test drives: the clock moves only when told ({@link #advance}), and delayed work waits until
 * the test releases it ({@link #releaseDelayed}), whatever the delay — nothing waits for real time.
 */
public final class ManualTime {
    private final ZoneId zone;
    private final List<Runnable> delayed = new ArrayList<>();
    private volatile Instant now;

    public ManualTime(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    /** Starts at the real now, in the system's zone (so stored timestamps read as "just now"). */
    public static ManualTime startingNow() {
        return new ManualTime(Instant.now(), ZoneId.systemDefault());
    }

    public UiTime uiTime() {
        return new UiTime(new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return now;
            }
        }, delay -> task -> {
            synchronized (delayed) {
                delayed.add(task);
            }
        });
    }

    public void set(Instant to) {
        now = to;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    /** How many delayed tasks wait. */
    public int delayedCount() {
        synchronized (delayed) {
            return delayed.size();
        }
    }

    /** Runs every delayed task now (their delays have "passed"), on the calling thread. */
    public void releaseDelayed() {
        List<Runnable> due;
        synchronized (delayed) {
            due = List.copyOf(delayed);
            delayed.clear();
        }
        due.forEach(Runnable::run);
    }
}

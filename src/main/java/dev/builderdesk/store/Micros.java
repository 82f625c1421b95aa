package dev.builderdesk.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps are stored as microseconds since the epoch. */
public final class Micros {
    private Micros() {
    }

    public static Long of(Instant instant) {
        return instant == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    public static Instant toInstant(Long micros) {
        return micros == null ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}

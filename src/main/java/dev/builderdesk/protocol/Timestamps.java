package dev.builderdesk.protocol;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * Wire format of timestamps: ISO-8601 UTC with microseconds and an explicit offset
 * ({@code 2026-02-18T11:46:54.123456+00:00}), as the original platform writes them.
 * Parsing is lenient: it also accepts a space instead of {@code T} (the original's SSE payloads),
 * {@code Z}, other offsets and any number of fraction digits.
 */
public final class Timestamps {
    private static final DateTimeFormatter WRITE = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .appendOffset("+HH:MM", "+00:00")
            .toFormatter();

    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("yyyy-MM-dd['T'][' ']HH:mm[:ss]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter();

    private Timestamps() {
    }

    /** Formats an instant in the wire format (UTC, microsecond precision). */
    public static String format(Instant instant) {
        return WRITE.format(instant.atOffset(ZoneOffset.UTC));
    }

    /**
     * Parses any of the accepted timestamp spellings.
     *
     * @throws IllegalArgumentException if the text is not a timestamp
     */
    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text.trim(), READ).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not a timestamp: " + text, e);
        }
    }

    /** The current time truncated to what the wire format can carry. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

package dev.builderdesk.ui.threads;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * When something happened, as a thread row says it: "just now", "5 min ago", "3 h ago" (today), "yesterday",
 * "4 days ago" (within a week), then the date ("12 Mar", with the year when it is not this year's). Calendar days
 * are counted in the given zone.
 */
public final class RelativeTime {
    private static final DateTimeFormatter THIS_YEAR = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private RelativeTime() {
    }

    public static String format(Instant then, Instant now, ZoneId zone) {
        Duration ago = Duration.between(then, now);
        if (ago.toSeconds() < 60) {
            return "just now";
        }
        if (ago.toMinutes() < 60) {
            return ago.toMinutes() + " min ago";
        }
        LocalDate day = then.atZone(zone).toLocalDate();
        LocalDate today = now.atZone(zone).toLocalDate();
        long days = ChronoUnit.DAYS.between(day, today);
        if (days == 0) {
            return ago.toHours() + " h ago";
        }
        if (days == 1) {
            return "yesterday";
        }
        if (days < 7) {
            return days + " days ago";
        }
        return (day.getYear() == today.getYear() ? THIS_YEAR : OTHER_YEAR).format(day);
    }

    /** The exact local time, for a tooltip. */
    public static String exact(Instant then, ZoneId zone) {
        return FULL.format(then.atZone(zone));
    }
}

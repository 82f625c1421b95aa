package dev.builderdesk.ui.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RelativeTimeTest {
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final Instant NOW = Instant.parse("2026-03-12T15:30:00Z");

    private static String ago(Duration d) {
        return RelativeTime.format(NOW.minus(d), NOW, ZONE);
    }

    @Test
    void recentTimesCountMinutesThenHoursOfToday() {
        assertThat(ago(Duration.ofSeconds(59))).isEqualTo("just now");
        assertThat(ago(Duration.ofSeconds(-30))).as("a clock slightly ahead").isEqualTo("just now");
        assertThat(ago(Duration.ofMinutes(2))).isEqualTo("2 min ago");
        assertThat(ago(Duration.ofMinutes(59))).isEqualTo("59 min ago");
        assertThat(ago(Duration.ofMinutes(61))).isEqualTo("1 h ago");
        assertThat(ago(Duration.ofHours(16))).as("00:30 local time, still today").isEqualTo("16 h ago");
    }

    @Test
    void olderTimesCountCalendarDaysThenShowTheDate() {
        assertThat(ago(Duration.ofHours(17))).as("23:30 local time the day before").isEqualTo("yesterday");
        assertThat(ago(Duration.ofHours(40))).isEqualTo("yesterday");
        assertThat(ago(Duration.ofDays(2))).isEqualTo("2 days ago");
        assertThat(ago(Duration.ofDays(6))).isEqualTo("6 days ago");
        assertThat(ago(Duration.ofDays(7))).isEqualTo("5 Mar");
        assertThat(ago(Duration.ofDays(80))).isEqualTo("22 Dec 2025");
        assertThat(RelativeTime.exact(NOW, ZONE)).isEqualTo("12 Mar 2026, 16:30");
    }
}

package dev.builderdesk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void writesMicrosecondsWithAnExplicitOffset() {
        assertThat(Timestamps.format(Instant.parse("2026-02-18T11:46:54.123456789Z")))
                .isEqualTo("2026-02-18T11:46:54.123456+00:00");
        assertThat(Timestamps.format(Instant.parse("2026-02-18T11:46:54Z")))
                .isEqualTo("2026-02-18T11:46:54.000000+00:00");
    }

    @Test
    void readsTheOriginalsSpellingsToo() {
        Instant expected = Instant.parse("2026-02-18T11:46:54.123456Z");
        assertThat(Timestamps.parse("2026-02-18T11:46:54.123456+00:00")).isEqualTo(expected);
        assertThat(Timestamps.parse("2026-02-18 11:46:54.123456+00:00")).isEqualTo(expected);
        assertThat(Timestamps.parse("2026-02-18T11:46:54.123456Z")).isEqualTo(expected);
        assertThat(Timestamps.parse("2026-02-18T13:46:54.123456+02:00")).isEqualTo(expected);
        assertThat(Timestamps.parse("2026-02-18 11:46:54")).isEqualTo(Instant.parse("2026-02-18T11:46:54Z"));
        assertThatThrownBy(() -> Timestamps.parse("yesterday")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMapperRoundTripsRunsWithSnakeCaseAndNulls() throws Exception {
        Run run = new Run("r", "queued", "native", Run.SURFACE, "a", "b", null, null, null, "m", null,
                Instant.parse("2026-02-18T11:46:54.5Z"), null, null, "s", null, true, "Model", java.util.List.of(),
                RunUsage.NONE, RunMetrics.EMPTY, "hi", null, null);
        String json = Json.write(run);
        assertThat(json).contains("\"run_id\":\"r\"").contains("\"requested_model_id\":null")
                .contains("\"created_at\":\"2026-02-18T11:46:54.500000+00:00\"");
        assertThat(Json.mapper().readValue(json, Run.class)).isEqualTo(run);
    }
}

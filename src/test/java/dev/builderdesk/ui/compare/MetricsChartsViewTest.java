package dev.builderdesk.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsChartsViewTest {
    @Test
    void countAxesTickAtWholeNiceNumbers() {
        assertThat(MetricsChartsView.niceUnit(0.25)).isEqualTo(1);
        assertThat(MetricsChartsView.niceUnit(1.5)).isEqualTo(2);
        assertThat(MetricsChartsView.niceUnit(3)).isEqualTo(5);
        assertThat(MetricsChartsView.niceUnit(7)).isEqualTo(10);
        assertThat(MetricsChartsView.niceUnit(240)).isEqualTo(500);
        assertThat(MetricsChartsView.niceUnit(1_000)).isEqualTo(1_000);
    }

    @Test
    void countsReadShortOnAnAxis() {
        assertThat(MetricsChartsView.shortCount(0)).isEqualTo("0");
        assertThat(MetricsChartsView.shortCount(950)).isEqualTo("950");
        assertThat(MetricsChartsView.shortCount(1_000)).isEqualTo("1k");
        assertThat(MetricsChartsView.shortCount(1_500)).isEqualTo("1.5k");
        assertThat(MetricsChartsView.shortCount(12_000)).isEqualTo("12k");
        assertThat(MetricsChartsView.shortCount(2_500_000)).isEqualTo("2.5M");
        assertThat(MetricsChartsView.shortCount(18.4)).isEqualTo("18.4");
    }
}

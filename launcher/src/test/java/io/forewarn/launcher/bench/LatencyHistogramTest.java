package io.forewarn.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreTheNearestRankOfTheRecordedValues() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int ms = 100; ms >= 1; ms--) {
            histogram.record(Duration.ofMillis(ms).toNanos());
        }

        assertThat(histogram.count()).isEqualTo(100);
        assertThat(histogram.percentile(50)).isEqualTo(Duration.ofMillis(50));
        assertThat(histogram.percentile(99)).isEqualTo(Duration.ofMillis(99));
        assertThat(histogram.max()).isEqualTo(Duration.ofMillis(100));
        assertThat(histogram.percentile(0)).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void anEmptyHistogramReportsZero_andAPercentileOutsideTheRangeIsRefused() {
        LatencyHistogram histogram = new LatencyHistogram();

        assertThat(histogram.percentile(99)).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> histogram.percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }
}

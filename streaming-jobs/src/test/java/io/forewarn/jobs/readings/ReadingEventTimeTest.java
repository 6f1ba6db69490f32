package io.forewarn.jobs.readings;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

/**
 * The job's watermarks for readings, driven as Flink drives them (events, then periodic emits) with a manual
 * clock for the reader's inactivity: bounded out-of-orderness, and idleness so a silent reader holds back no one.
 */
class ReadingEventTimeTest {
    private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");

    private final ManualClock inactivityClock = new ManualClock(1);
    private final RecordingOutput output = new RecordingOutput();
    private final WatermarkStrategy<TelemetryMessage> strategy = ReadingEventTime.watermarks();
    private final WatermarkGenerator<TelemetryMessage> generator = strategy.createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
        @Override
        public MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
        }

        @Override
        public RelativeClock getInputActivityClock() {
            return inactivityClock;
        }
    });
    private final TimestampAssigner<TelemetryMessage> timestamps = strategy.createTimestampAssigner(UnregisteredMetricsGroup::new);

    @Test
    void aReadingsEventTimeIsItsOwnAndTheWatermarkTrailsTheLatestByTheAllowedOutOfOrderness() {
        receive(reading(T));
        generator.onPeriodicEmit(output);

        assertThat(timestamps.extractTimestamp(reading(T), Long.MIN_VALUE)).isEqualTo(T.toEpochMilli());
        assertThat(output.latestWatermark()).isEqualTo(T.minus(ReadingEventTime.OUT_OF_ORDERNESS).toEpochMilli() - 1);

        // A reading 50 s late is still ahead of the watermark: it counts, and the watermark does not go back.
        receive(reading(T.minusSeconds(50)));
        generator.onPeriodicEmit(output);
        assertThat(T.minusSeconds(50).toEpochMilli()).isGreaterThan(output.latestWatermark());
        assertThat(output.latestWatermark()).isEqualTo(T.minus(ReadingEventTime.OUT_OF_ORDERNESS).toEpochMilli() - 1);
    }

    @Test
    void aReaderThatReceivesNothingForTheIdlenessTimeoutIsMarkedIdleAndActiveAgainWithItsNextReading() {
        receive(reading(T));
        generator.onPeriodicEmit(output);
        generator.onPeriodicEmit(output); // nothing new: the reader's silence starts now

        inactivityClock.advanceTime(ReadingEventTime.IDLENESS.minusSeconds(1));
        generator.onPeriodicEmit(output);
        assertThat(output.idle).as("silent for less than the timeout").isFalse();

        inactivityClock.advanceTime(Duration.ofSeconds(2));
        generator.onPeriodicEmit(output);
        assertThat(output.idle).as("silent for longer than the timeout").isTrue();

        receive(reading(T.plusSeconds(90)));
        generator.onPeriodicEmit(output);
        assertThat(output.idle).as("active with its next reading").isFalse();
        assertThat(output.latestWatermark()).isEqualTo(T.plusSeconds(90).minus(ReadingEventTime.OUT_OF_ORDERNESS).toEpochMilli() - 1);
    }

    private void receive(TelemetryMessage reading) {
        generator.onEvent(reading, timestamps.extractTimestamp(reading, Long.MIN_VALUE), output);
    }

    private static TelemetryMessage reading(Instant eventTime) {
        return new TelemetryMessage(1, "ac-1", "AC-INV-12K", eventTime, 1, Map.of("airflow", new TelemetryMessage.Metric(530, "m3/h")));
    }

    /** What the generator told Flink: the watermarks, and whether the reader is idle now. */
    private static final class RecordingOutput implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }

        long latestWatermark() {
            return watermarks.get(watermarks.size() - 1);
        }
    }
}

package io.forewarn.jobs.readings;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The event time of readings: each reading's own {@code eventTime}, with watermarks that allow readings to arrive
 * up to {@link #OUT_OF_ORDERNESS} out of order, and that stop waiting for a parallel reader that has received
 * nothing for {@link #IDLENESS}, so silent devices (or a reader whose share of the devices is silent) do not
 * hold back event time for everyone else.
 */
public final class ReadingEventTime {
    /** How late a reading may come, behind the latest one its reader saw, and still count in event time. */
    public static final Duration OUT_OF_ORDERNESS = Duration.ofMinutes(1);
    /** How long a reader may receive nothing before it is marked idle. */
    public static final Duration IDLENESS = Duration.ofSeconds(30);

    private ReadingEventTime() {}

    public static WatermarkStrategy<TelemetryMessage> watermarks() {
        return WatermarkStrategy
                .<TelemetryMessage>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
                .withTimestampAssigner((reading, previous) -> reading.eventTime().toEpochMilli())
                .withIdleness(IDLENESS);
    }
}

package io.forewarn.alerts.timeseries;

import java.time.Instant;
import java.util.Map;

/**
 * One bucket of a device's history: its start (a multiple of the resolution since the epoch) and the statistics of
 * every sensor that reported in it, by sensor name.
 */
public record HistoryBucket(Instant start, Map<String, SensorStats> sensors) {
    public HistoryBucket {
        sensors = Map.copyOf(sensors);
    }
}

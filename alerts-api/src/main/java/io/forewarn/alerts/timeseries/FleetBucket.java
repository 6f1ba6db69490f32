package io.forewarn.alerts.timeseries;

import java.time.Instant;
import java.util.Map;

/** One bucket of a product model's fleet aggregates, by sensor name. */
public record FleetBucket(Instant start, Map<String, FleetStats> sensors) {
    public FleetBucket {
        sensors = Map.copyOf(sensors);
    }
}

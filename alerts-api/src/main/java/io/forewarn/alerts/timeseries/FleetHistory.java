package io.forewarn.alerts.timeseries;

import java.util.List;

/**
 * Aggregates over every device of a product model, per bucket, in time order.
 *
 * @param downsampled true when the hourly downsampled data answered (see {@link DeviceHistory#downsampled()})
 */
public record FleetHistory(String productModel, TimeRange range, Resolution resolution, List<FleetBucket> buckets,
                           boolean downsampled) {
    public FleetHistory {
        buckets = List.copyOf(buckets);
    }
}

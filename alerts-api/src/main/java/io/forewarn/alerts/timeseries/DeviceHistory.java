package io.forewarn.alerts.timeseries;

import java.util.List;

/**
 * A device's telemetry over a range, downsampled: buckets in time order, empty buckets left out.
 *
 * @param downsampled true when the hourly downsampled data answered (ranges older than the raw retention); then the
 *                    range is widened to whole hours
 */
public record DeviceHistory(String deviceId, TimeRange range, Resolution resolution, List<HistoryBucket> buckets,
                            boolean downsampled) {
    public DeviceHistory {
        buckets = List.copyOf(buckets);
    }
}

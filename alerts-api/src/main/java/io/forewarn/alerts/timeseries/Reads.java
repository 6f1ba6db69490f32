package io.forewarn.alerts.timeseries;

import java.util.List;
import java.util.Set;

/** What both adapters check and choose before they query. */
final class Reads {
    private Reads() {}

    /** The store's sensors that {@code wanted} names, in the store's order; all of them when {@code wanted} is empty. */
    static List<String> sensors(List<String> stored, Set<String> wanted) {
        return wanted.isEmpty() ? stored : stored.stream().filter(wanted::contains).toList();
    }

    /** Refuses a read of more than {@link TimeSeriesReader#MAX_BUCKETS} buckets before the store is asked. */
    static void checkBuckets(TimeRange range, Resolution resolution) {
        long buckets = range.buckets(resolution);
        if (buckets > TimeSeriesReader.MAX_BUCKETS) {
            throw new IllegalArgumentException(range + " at " + resolution + " is " + buckets + " buckets, more than "
                    + TimeSeriesReader.MAX_BUCKETS + "; ask for a coarser resolution or a shorter range");
        }
    }
}

package io.forewarn.launcher.bench;

import java.time.Duration;
import java.util.Arrays;

/**
 * Every latency of a load phase, kept exactly (a 30-second phase at a few thousand requests a second is a few
 * hundred thousand longs), so the percentiles are the measured values, not bucket bounds. Safe to record from
 * several event-loop threads.
 */
final class LatencyHistogram {
    private long[] nanos = new long[4096];
    private int size;
    private long[] sorted;

    synchronized void record(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
        sorted = null;
    }

    synchronized int count() {
        return size;
    }

    /** The nearest-rank percentile ({@code p} from 0 to 100); zero when nothing was recorded. */
    synchronized Duration percentile(double p) {
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("a percentile is between 0 and 100, was " + p);
        }
        if (size == 0) {
            return Duration.ZERO;
        }
        if (sorted == null) {
            sorted = Arrays.copyOf(nanos, size);
            Arrays.sort(sorted);
        }
        int rank = (int) Math.ceil(p / 100.0 * size) - 1;
        return Duration.ofNanos(sorted[Math.max(0, Math.min(size - 1, rank))]);
    }

    Duration max() {
        return percentile(100);
    }
}

package io.forewarn.alerts.timeseries;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open span of event time, {@code [from, to)}: a reading at {@code from} is in it, one at {@code to} is not,
 * so consecutive ranges never count a reading twice.
 */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("time range must end after it starts, got [" + from + ", " + to + ")");
        }
    }

    /** The {@code length} of time that ends at {@code to}. */
    public static TimeRange ending(Instant to, Duration length) {
        return new TimeRange(to.minus(length), to);
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** How many buckets of {@code resolution} the range touches (a partial bucket at either end counts). */
    public long buckets(Resolution resolution) {
        long width = resolution.duration().toMillis();
        long first = Math.floorDiv(from.toEpochMilli(), width);
        long last = Math.floorDiv(to.toEpochMilli() - 1, width);
        return last - first + 1;
    }

    @Override
    public String toString() {
        return "[" + from + ", " + to + ")";
    }
}

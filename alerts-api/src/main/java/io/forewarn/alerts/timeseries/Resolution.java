package io.forewarn.alerts.timeseries;

import java.time.Duration;
import java.util.Objects;

/**
 * The width of the buckets a downsampled read returns. Only widths that divide an hour (1 s to 1 h) or a day
 * (whole hours) are accepted: their buckets start at multiples of the width since the epoch in both stores, so the
 * same read gives the same buckets on QuestDB and InfluxDB. Being validated here is also what lets the adapters write
 * {@link #literal()} into query text: it is built from this number, never from text a caller typed.
 */
public record Resolution(Duration duration) {
    private static final long HOUR = 3600;
    private static final long DAY = 24 * HOUR;

    public static final Resolution ONE_MINUTE = new Resolution(Duration.ofMinutes(1));
    public static final Resolution ONE_HOUR = new Resolution(Duration.ofHours(1));

    public Resolution {
        Objects.requireNonNull(duration, "duration");
        long seconds = duration.getSeconds();
        boolean wholeSeconds = duration.getNano() == 0 && seconds > 0;
        if (!wholeSeconds || !(HOUR % seconds == 0 || seconds % HOUR == 0 && DAY % seconds == 0)) {
            throw new IllegalArgumentException("resolution " + duration + " is not supported: use a whole number of seconds"
                    + " that divides an hour (e.g. PT1S, PT1M, PT5M, PT15M, PT1H) or whole hours that divide a day (PT6H, PT24H)");
        }
    }

    public static Resolution of(Duration duration) {
        return new Resolution(duration);
    }

    /** An ISO-8601 duration such as {@code PT1M}; a clear error for anything else. */
    public static Resolution parse(String iso) {
        try {
            return new Resolution(Duration.parse(iso.trim()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("resolution must be an ISO-8601 duration such as PT1M, was '" + iso + "'", e);
        }
    }

    /** Whether buckets are whole hours, so the hourly downsampled data can answer. */
    public boolean wholeHours() {
        return duration.getSeconds() % HOUR == 0;
    }

    /**
     * The width as a duration literal both QuestDB's {@code SAMPLE BY} and InfluxQL's {@code GROUP BY time()} read:
     * {@code 30s}, {@code 5m}, {@code 6h}. Digits and one unit letter only.
     */
    public String literal() {
        long seconds = duration.getSeconds();
        if (seconds % HOUR == 0) {
            return seconds / HOUR + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    @Override
    public String toString() {
        return duration.toString();
    }
}

package io.forewarn.simulator.replay;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A snapshot of a running replay.
 *
 * @param dataTime event time of the last row handed to MQTT (null before the first)
 * @param messagesPublished publishes the broker acknowledged (QoS 1) or that were written to the socket (QoS 0)
 * @param messagesPerSecond over the last progress interval (about 5 s), or since start before that
 * @param rowsSent rows handed to MQTT so far
 * @param rowsTotal rows the replay will publish
 * @param publishFailures publishes lost after being handed to the client (e.g. at a connection drop)
 */
public record ReplayStats(Instant dataTime, int devices, long messagesPublished, double messagesPerSecond, long rowsSent, long rowsTotal,
                          long publishFailures) {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** {@code replay 2015-01-03T06:00Z | 100 devices | 12,345 msgs | 598 msg/s | 14.1% of 876,100 rows}. */
    public String progressLine() {
        return String.format(Locale.ROOT, "replay %s | %,d devices | %,d msgs | %,.0f msg/s | %.1f%% of %,d rows%s",
                dataTime == null ? "-" : MINUTES.format(dataTime), devices, messagesPublished, messagesPerSecond,
                rowsTotal == 0 ? 100.0 : 100.0 * rowsSent / rowsTotal, rowsTotal,
                publishFailures == 0 ? "" : String.format(Locale.ROOT, " | publish failures %,d", publishFailures));
    }
}

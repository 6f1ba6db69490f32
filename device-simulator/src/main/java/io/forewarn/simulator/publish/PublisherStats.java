package io.forewarn.simulator.publish;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A snapshot of a running {@link FleetPublisher}.
 *
 * @param simTime the sim clock (held at the sim end once a bounded run has covered it)
 * @param messagesPublished publishes the broker acknowledged (QoS 1/2) or that were written to the socket (QoS 0)
 * @param messagesPerSecond publish rate over the last progress interval (about 5 s), or since start before that
 * @param publishFailures publishes that failed after being handed to the client (lost, e.g. at a connection drop)
 * @param faultsActive devices whose fault is showing but has not yet failed them
 * @param failures devices that have failed by {@code simTime}
 */
public record PublisherStats(
        Instant simTime,
        int devices,
        long messagesPublished,
        double messagesPerSecond,
        long publishFailures,
        int faultsActive,
        int failures) {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** {@code sim 2026-11-27T03:00Z | 50 devices | 12,345 msgs | 598 msg/s | faults active 6 | failures 0}. */
    public String progressLine() {
        return String.format(Locale.ROOT, "sim %s | %d devices | %,d msgs | %,.0f msg/s | faults active %d | failures %d%s",
                MINUTES.format(simTime), devices, messagesPublished, messagesPerSecond, faultsActive, failures,
                publishFailures == 0 ? "" : String.format(Locale.ROOT, " | publish failures %,d", publishFailures));
    }
}

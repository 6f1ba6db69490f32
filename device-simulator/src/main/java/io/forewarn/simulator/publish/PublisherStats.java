package io.forewarn.simulator.publish;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A snapshot of a running {@link FleetPublisher}.
 *
 * @param simTime the sim clock (held at the sim end once a bounded run has covered it)
 * @param live the sim clock has caught up with the wall clock and runs in real time
 * @param messagesPublished publishes the broker acknowledged (QoS 1/2) or that were written to the socket (QoS 0)
 * @param messagesPerSecond publish rate over the last progress interval (about 5 s), or since start before that
 * @param publishFailures publishes that failed after being handed to the client (lost, e.g. at a connection drop)
 * @param faultsActive devices whose fault is showing but has not yet failed them
 * @param failures devices that have failed by {@code simTime} (and not been repaired)
 * @param noticesReceived customer notices the simulated devices received on {@code devices/{id}/notices}
 * @param serviceEvents repairs and preventive services applied from {@code devices/{id}/service}
 */
public record PublisherStats(
        Instant simTime,
        boolean live,
        int devices,
        long messagesPublished,
        double messagesPerSecond,
        long publishFailures,
        int faultsActive,
        int failures,
        long noticesReceived,
        long serviceEvents) {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * {@code sim 2026-11-27T03:00Z | 50 devices | 12,345 msgs | 598 msg/s | faults active 6 | failures 0}, followed by
     * notices, service events and publish failures when there were any; {@code sim 2026-11-27T03:00Z (real time) | ...}
     * once the clock runs live.
     */
    public String progressLine() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "sim %s%s | %,d devices | %,d msgs | %,.0f msg/s | faults active %d | failures %d",
                MINUTES.format(simTime), live ? " (real time)" : "", devices, messagesPublished, messagesPerSecond, faultsActive, failures));
        if (noticesReceived > 0) line.append(String.format(Locale.ROOT, " | notices %,d", noticesReceived));
        if (serviceEvents > 0) line.append(String.format(Locale.ROOT, " | service events %,d", serviceEvents));
        if (publishFailures > 0) line.append(String.format(Locale.ROOT, " | publish failures %,d", publishFailures));
        return line.toString();
    }
}

package io.forewarn.ingest.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.time.Duration;
import java.time.Instant;

/**
 * The numbered telemetry the job tests publish: {@code devices} devices ({@link TelemetryPayloads#device}) each
 * sending seqs {@code 1..messagesPerDevice}, at QoS 1, round-robin over the devices.
 */
public record TestFleet(int devices, int messagesPerDevice) {
    private static final String FLEET_PREFIX = "ac-";

    public int messages() {
        return devices * messagesPerDevice;
    }

    static boolean isFleetDevice(String deviceId) {
        return deviceId.startsWith(FLEET_PREFIX);
    }

    /** Publishes every device's seqs {@code fromSeq..toSeq}, all with {@code eventTime}. */
    public void publish(TestPublisher publisher, int fromSeq, int toSeq, Instant eventTime) throws Exception {
        for (int seq = fromSeq; seq <= toSeq; seq++) {
            for (int d = 0; d < devices; d++) {
                String device = TelemetryPayloads.device(d);
                publisher.publish(TelemetryMessage.topicFor(device), TelemetryPayloads.json(device, seq, eventTime), 1);
            }
        }
    }

    /** Publishes every message, then waits until the broker has acknowledged them all. */
    public void publishAll(TestPublisher publisher) throws Exception {
        publish(publisher, 1, messagesPerDevice, Instant.now());
        publisher.flush();
    }

    /**
     * Publishes a probe message of {@code probeDevice} until the job has delivered one: then its (shared)
     * subscription is in place, and messages published from now on are routed to it rather than dropped.
     */
    public static void awaitSubscribed(TestPublisher publisher, String probeDevice, DeliveryLog log) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).alias(probeDevice + " delivered").until(() -> {
            publisher.publish(TelemetryMessage.topicFor(probeDevice), TelemetryPayloads.json(probeDevice, 0, Instant.now()), 1);
            return log.deliveries(probeDevice, 0) > 0;
        });
    }

    /** Waits until every message of the fleet was delivered at least once. */
    public void awaitEveryMessage(DeliveryLog log, Duration atMost) {
        await().atMost(atMost).alias("all " + messages() + " fleet messages").until(() -> log.distinctFleetMessages() >= messages());
    }

    /** Every message arrived at least once, and deduplicated by (device, seq) they are exactly the published set. */
    public void assertEveryMessageArrivedAtLeastOnce(DeliveryLog log) {
        for (int d = 0; d < devices; d++) {
            for (int seq = 1; seq <= messagesPerDevice; seq++) {
                assertThat(log.deliveries(TelemetryPayloads.device(d), seq)).as(TelemetryPayloads.device(d) + "#" + seq).isPositive();
            }
        }
        assertThat(log.distinctFleetMessages()).as("distinct fleet messages").isEqualTo(messages());
    }

    /** Every message arrived exactly once: no loss and no redelivery. */
    public void assertEveryMessageArrivedExactlyOnce(DeliveryLog log) {
        assertEveryMessageArrivedAtLeastOnce(log);
        assertThat(log.fleetDeliveries()).as("fleet deliveries, duplicates included").isEqualTo(messages());
    }
}

package io.forewarn.ingest.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.ingest.source.AckMode;
import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.ingest.source.MqttSource;
import io.forewarn.ingest.source.MqttSourceConfig;
import io.forewarn.ingest.testing.CollectingOutput;
import io.forewarn.ingest.testing.EmbeddedMqttBroker;
import io.forewarn.ingest.testing.StandaloneReader;
import io.forewarn.ingest.testing.TestPublisher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reader against a real broker: acknowledgement timing decides what the broker redelivers. */
class MqttSourceReaderTest {
    @RegisterExtension
    static final EmbeddedMqttBroker BROKER = new EmbeddedMqttBroker();

    @Test
    void messagesStayWithTheBrokerUntilTheCheckpointCoveringThemCompletes() throws Exception {
        MqttSourceConfig config = config("acks", AckMode.ON_CHECKPOINT);
        List<String> sent = IntStream.range(0, 10).mapToObj(i -> "m" + i).toList();

        // First run: receive and snapshot, but the checkpoint never completes (the job fails). HiveMQ sends
        // only a window of messages before it sees acknowledgements, so this is a prefix of what was sent.
        List<String> firstRun;
        try (StandaloneReader first = StandaloneReader.open(config);
                TestPublisher publisher = new TestPublisher(BROKER.serverUri(), "pub-acks")) {
            publisher.publishAll("acks/device", sent);
            firstRun = first.pollUntil(1);
            first.checkpoint(false);
            assertThat(first.metrics().get("mqtt.messagesAcknowledged", Counter.class).getCount()).isZero();
        }
        assertThat(sent).startsWith(firstRun.toArray(String[]::new));

        // Second run resumes the session: the broker redelivers the unacknowledged ones first; acknowledging
        // through completed checkpoints then lets the rest through.
        List<String> secondRun;
        try (StandaloneReader second = StandaloneReader.open(config)) {
            secondRun = second.pollWithCheckpointsUntil(sent.size());
        }
        assertThat(secondRun.subList(0, firstRun.size())).containsExactlyElementsOf(firstRun);
        assertThat(secondRun).containsExactlyInAnyOrderElementsOf(sent);

        // Third run: nothing is redelivered. A resumed session gets its unacknowledged messages before anything
        // new (MQTT 5, 4.4), so a redelivery would arrive before the marker.
        try (StandaloneReader third = StandaloneReader.open(config);
                TestPublisher publisher = new TestPublisher(BROKER.serverUri(), "pub-acks-2")) {
            publisher.publish("acks/device", "marker", 1);
            assertThat(third.pollUntil(1)).containsExactly("marker");
        }
    }

    @Test
    void acknowledgementsAreCountedWithTheirLatencyFromArrivalToCheckpointAndTheBacklogDrains() throws Exception {
        try (StandaloneReader reader = StandaloneReader.open(config("latency", AckMode.ON_CHECKPOINT));
                TestPublisher publisher = new TestPublisher(BROKER.serverUri(), "pub-latency")) {
            publisher.publishAll("latency/device", List.of("l0", "l1", "l2", "l3", "l4"));
            // HiveMQ may hold back all but the first until it sees an acknowledgement; any number will do.
            int emitted = reader.pollUntil(1).size();
            Gauge<?> backlog = reader.metrics().get("mqtt.unacknowledgedMessages", Gauge.class);
            assertThat(backlog.getValue()).isEqualTo(emitted);
            long firstArrival = reader.records().stream().mapToLong(MqttRecord::receivedAtMillis).min().orElseThrow();
            long lastArrival = reader.records().stream().mapToLong(MqttRecord::receivedAtMillis).max().orElseThrow();

            long checkpointStarted = System.currentTimeMillis();
            reader.checkpoint(true);
            long checkpointEnded = System.currentTimeMillis();

            // Each message waited from its arrival until the checkpoint that covers it completed.
            Histogram latency = reader.metrics().get("mqtt.ackLatencyMillis", Histogram.class);
            assertThat(reader.metrics().get("mqtt.messagesAcknowledged", Counter.class).getCount()).isEqualTo(emitted);
            assertThat(latency.getCount()).isEqualTo(emitted);
            assertThat(latency.getStatistics().getMin()).isGreaterThanOrEqualTo(checkpointStarted - lastArrival);
            assertThat(latency.getStatistics().getMax()).isLessThanOrEqualTo(checkpointEnded - firstArrival);
            assertThat(backlog.getValue()).isEqualTo(0);
        }
    }

    @Test
    void aReaderResumesASessionHoldingMoreQueuedMessagesThanItsHandoverAndDrainsThem() throws Exception {
        // The broker sends a resumed session's queue right after the CONNACK, ahead of the SUBACK; with more
        // queued than the handover holds, waiting for the SUBACK before polling would never end.
        MqttSourceConfig smallHandover = MqttSource.builder().setConfig(config("backlog", AckMode.ON_CHECKPOINT))
                .setQueueCapacity(5)
                .build()
                .config();
        StandaloneReader.open(smallHandover).close();
        List<String> sent = IntStream.range(0, 200).mapToObj(i -> "b" + i).toList();
        try (TestPublisher publisher = new TestPublisher(BROKER.serverUri(), "pub-backlog")) {
            publisher.publishAll("backlog/device", sent);
        }

        try (StandaloneReader reader = StandaloneReader.open(smallHandover)) {
            assertThat(reader.pollWithCheckpointsUntil(sent.size())).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void withAckOnReceiptNothingIsRedelivered() throws Exception {
        MqttSourceConfig config = config("receipt", AckMode.ON_RECEIPT);
        try (StandaloneReader first = StandaloneReader.open(config);
                TestPublisher publisher = new TestPublisher(BROKER.serverUri(), "pub-receipt")) {
            publisher.publishAll("receipt/device", List.of("r0", "r1", "r2", "r3", "r4"));
            assertThat(first.pollUntil(5)).hasSize(5);
        }
        try (StandaloneReader second = StandaloneReader.open(config);
                TestPublisher publisher = new TestPublisher(BROKER.serverUri(), "pub-receipt-2")) {
            publisher.publish("receipt/device", "marker", 1);
            assertThat(second.pollUntil(1)).containsExactly("marker");
        }
    }

    @Test
    void atQos0MessagesArriveAndNothingWaitsForAnAcknowledgement() throws Exception {
        MqttSourceConfig qos0 = MqttSource.builder().setConfig(config("qos0", AckMode.ON_CHECKPOINT)).setQos(0).build().config();
        List<String> sent = IntStream.range(0, 20).mapToObj(i -> "q" + i).toList();
        try (StandaloneReader reader = StandaloneReader.open(qos0);
                TestPublisher publisher = new TestPublisher(BROKER.serverUri(), "pub-qos0")) {
            for (String payload : sent) {
                publisher.publish("qos0/device", payload, 0);
            }

            // No checkpoint completes, and still every message comes: at QoS 0 there is nothing to acknowledge.
            assertThat(reader.pollUntil(sent.size())).containsExactlyElementsOf(sent);
            assertThat(reader.records()).extracting(MqttRecord::qos).containsOnly(0);
            assertThat(reader.metrics().get("mqtt.unacknowledgedMessages", Gauge.class).getValue()).isEqualTo(0);
            reader.checkpoint(true);
            assertThat(reader.metrics().get("mqtt.messagesAcknowledged", Counter.class).getCount()).isZero();
        }
    }

    @Test
    void availabilityCompletesWhenAMessageArrives() throws Exception {
        try (StandaloneReader standalone = StandaloneReader.open(config("wake", AckMode.ON_CHECKPOINT));
                TestPublisher publisher = new TestPublisher(BROKER.serverUri(), "pub-wake")) {
            MqttSourceReader reader = standalone.reader();
            assertThat(reader.pollNext(new CollectingOutput<>())).isEqualTo(InputStatus.NOTHING_AVAILABLE);
            CompletableFuture<Void> available = reader.isAvailable();
            assertThat(available).isNotDone();

            publisher.publish("wake/device", "hello", 1);

            await().atMost(Duration.ofSeconds(10)).until(available::isDone);
            standalone.pollUntil(1);
            assertThat(standalone.records()).extracting(MqttRecord::topic).containsExactly("wake/device");
            assertThat(standalone.records().get(0).qos()).isEqualTo(1);
        }
    }

    private static MqttSourceConfig config(String name, AckMode ackMode) {
        return MqttSource.builder()
                .setServerUri(BROKER.serverUri())
                .setTopicFilters(name + "/#")
                .setSharedGroup(null)
                .setClientIdPrefix("reader-test-" + name)
                .setSessionExpiry(Duration.ofMinutes(5))
                .setReconnectDelay(Duration.ofSeconds(1), Duration.ofSeconds(5))
                .setQueueCapacity(100)
                .setAckMode(ackMode)
                .build()
                .config();
    }
}

package io.forewarn.ingest.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.ingest.source.AckMode;
import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.ingest.source.MqttSourceConfig;
import io.forewarn.ingest.source.split.MqttSubscriptionSplit;
import io.forewarn.ingest.testing.EmbeddedMqttBroker;
import io.forewarn.ingest.testing.TestPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reader against a real broker: acknowledgement timing decides what the broker redelivers. */
class MqttSourceReaderTest {
    private static EmbeddedMqttBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedMqttBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void messagesStayWithTheBrokerUntilTheCheckpointCoveringThemCompletes() throws Exception {
        MqttSourceConfig config = config("acks", AckMode.ON_CHECKPOINT);
        List<String> sent = IntStream.range(0, 10).mapToObj(i -> "m" + i).toList();

        // First run: receive and snapshot, but the checkpoint never completes (the job fails). HiveMQ sends
        // only a window of messages before it sees acknowledgements, so this is a prefix of what was sent.
        List<String> firstRun;
        try (MqttSourceReader first = openReader(config); TestPublisher publisher = new TestPublisher(broker.serverUri(), "pub-acks")) {
            for (String payload : sent) {
                publisher.publish("acks/device", payload, 1);
            }
            publisher.flush();
            firstRun = pollUntil(first, 1);
            first.snapshotState(1);
        }
        assertThat(sent).startsWith(firstRun.toArray(String[]::new));

        // Second run resumes the session: the broker redelivers the unacknowledged ones first; acknowledging
        // through completed checkpoints then lets the rest through.
        List<String> secondRun = new ArrayList<>();
        try (MqttSourceReader second = openReader(config)) {
            CollectingOutput<MqttRecord> output = new CollectingOutput<>();
            AtomicLong checkpoint = new AtomicLong(1);
            await().atMost(Duration.ofSeconds(20)).alias("all messages after acknowledging").until(() -> {
                second.pollNext(output);
                long id = checkpoint.incrementAndGet();
                second.snapshotState(id);
                second.notifyCheckpointComplete(id);
                return output.records.size() >= sent.size();
            });
            output.records.forEach(r -> secondRun.add(new String(r.payload(), StandardCharsets.UTF_8)));
        }
        assertThat(secondRun.subList(0, firstRun.size())).containsExactlyElementsOf(firstRun);
        assertThat(secondRun).containsExactlyInAnyOrderElementsOf(sent);

        // Third run: nothing is redelivered. A resumed session gets its unacknowledged messages before anything
        // new (MQTT 5, 4.4), so a redelivery would arrive before the marker.
        try (MqttSourceReader third = openReader(config); TestPublisher publisher = new TestPublisher(broker.serverUri(), "pub-acks-2")) {
            publisher.publish("acks/device", "marker", 1);
            assertThat(pollUntil(third, 1)).containsExactly("marker");
        }
    }

    @Test
    void withAckOnReceiptNothingIsRedelivered() throws Exception {
        MqttSourceConfig config = config("receipt", AckMode.ON_RECEIPT);
        try (MqttSourceReader first = openReader(config); TestPublisher publisher = new TestPublisher(broker.serverUri(), "pub-receipt")) {
            for (int i = 0; i < 5; i++) {
                publisher.publish("receipt/device", "r" + i, 1);
            }
            assertThat(pollUntil(first, 5)).hasSize(5);
        }
        try (MqttSourceReader second = openReader(config); TestPublisher publisher = new TestPublisher(broker.serverUri(), "pub-receipt-2")) {
            publisher.publish("receipt/device", "marker", 1);
            assertThat(pollUntil(second, 1)).containsExactly("marker");
        }
    }

    @Test
    void availabilityCompletesWhenAMessageArrives() throws Exception {
        try (MqttSourceReader reader = openReader(config("wake", AckMode.ON_CHECKPOINT));
                TestPublisher publisher = new TestPublisher(broker.serverUri(), "pub-wake")) {
            CollectingOutput<MqttRecord> output = new CollectingOutput<>();
            assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
            CompletableFuture<Void> available = reader.isAvailable();
            assertThat(available).isNotDone();

            publisher.publish("wake/device", "hello", 1);

            await().atMost(Duration.ofSeconds(10)).until(available::isDone);
            reader.pollNext(output);
            assertThat(output.records).extracting(MqttRecord::topic).containsExactly("wake/device");
            assertThat(output.records.get(0).qos()).isEqualTo(1);
        }
    }

    private static MqttSourceConfig config(String name, AckMode ackMode) {
        return new MqttSourceConfig(broker.serverUri(), List.of(name + "/#"), 1, null, "reader-test-" + name, null, null,
                Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofSeconds(5), 65535, 100, ackMode);
    }

    private static MqttSourceReader openReader(MqttSourceConfig config) {
        MqttSourceReader reader = new MqttSourceReader(config, new TestReaderContext(0));
        reader.start();
        reader.addSplits(List.of(new MqttSubscriptionSplit(0)));
        return reader;
    }

    private static List<String> pollUntil(MqttSourceReader reader, int count) throws Exception {
        CollectingOutput<MqttRecord> output = new CollectingOutput<>();
        await().atMost(Duration.ofSeconds(20)).alias("reader to emit " + count + " messages").until(() -> {
            reader.pollNext(output);
            return output.records.size() >= count;
        });
        return output.records.stream().map(r -> new String(r.payload(), StandardCharsets.UTF_8)).toList();
    }
}

package io.forewarn.ingest.source;

import static io.forewarn.ingest.testing.TelemetryPayloads.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.testing.MosquittoContainer;
import io.forewarn.ingest.testing.TelemetryPayloads;
import io.forewarn.ingest.testing.TestPublisher;
import io.forewarn.ingest.validation.TelemetryDecodeFunction;
import io.forewarn.ingest.validation.ValidationConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source in a Flink MiniCluster job against a real Mosquitto broker in a container: two readers share one
 * MQTT 5 shared subscription and acknowledge after checkpoints. Needs Docker: it fails, never skips, without it.
 */
class MqttSourceOnMosquittoTest {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceOnMosquittoTest.class);
    private static final int DEVICES = 20;
    private static final int MESSAGES_PER_DEVICE = 100;
    private static final int MESSAGES = DEVICES * MESSAGES_PER_DEVICE;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** Deliveries per "device#seq", and the seqs each reader subtask saw per device in arrival order. */
    static final Map<String, Integer> DELIVERIES = new ConcurrentHashMap<>();
    static final Map<String, List<Long>> SEQS_BY_READER_AND_DEVICE = new ConcurrentHashMap<>();
    static final Map<Integer, AtomicInteger> DEVICE_RECORDS_PER_SUBTASK = new ConcurrentHashMap<>();

    private static MosquittoContainer mosquitto;

    @BeforeAll
    static void startMosquitto() {
        mosquitto = new MosquittoContainer();
        mosquitto.start();
    }

    @AfterAll
    static void stopMosquitto() {
        if (mosquitto != null) {
            mosquitto.stop();
        }
    }

    @Test
    void everyPublishedMessageArrivesExactlyOnceAcrossBothReadersOfTheSharedSubscription() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        MqttSource source = MqttSource.builder()
                .setServerUri(mosquitto.uri())
                .setTopicFilters("devices/+/telemetry")
                .setQos(1)
                .setSharedGroup("forewarn-ingest")
                .setClientIdPrefix("mosquitto-ingest")
                .setSessionExpiry(Duration.ofMinutes(5))
                .build();

        env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt")
                .process(new TelemetryDecodeFunction(ValidationConfig.defaults())).name("decode")
                .map(new RecordPerSubtask()).name("record-per-subtask")
                .sinkTo(new DiscardingSink<>());

        JobClient job = env.executeAsync("mqtt-source-on-mosquitto-test");
        try (TestPublisher publisher = new TestPublisher(mosquitto.uri(), "mosquitto-publisher")) {
            // Messages published before the shared subscription exists are dropped by the broker.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                publisher.publish(TelemetryMessage.topicFor("probe"), TelemetryPayloads.json("probe", 0, Instant.now()), 1);
                return DELIVERIES.containsKey("probe#0");
            });
            Instant start = Instant.now();
            for (int seq = 1; seq <= MESSAGES_PER_DEVICE; seq++) {
                for (int d = 0; d < DEVICES; d++) {
                    publisher.publish(TelemetryMessage.topicFor(device(d)), TelemetryPayloads.json(device(d), seq, start), 1);
                }
            }
            publisher.flush();

            await().atMost(Duration.ofSeconds(60)).alias("all " + MESSAGES + " messages decoded")
                    .until(() -> deviceDeliveries() >= MESSAGES);
            // Stable for a few checkpoints (every 500 ms): any redelivery would show up as a second copy.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> deviceDeliveries() == MESSAGES);
        } finally {
            job.cancel().get();
        }

        for (int d = 0; d < DEVICES; d++) {
            for (int seq = 1; seq <= MESSAGES_PER_DEVICE; seq++) {
                assertThat(DELIVERIES.get(device(d) + "#" + seq)).as(device(d) + "#" + seq).isEqualTo(1);
            }
        }
        // Mosquitto hands shared-subscription messages to the group's members in turn, so both readers work.
        assertThat(DEVICE_RECORDS_PER_SUBTASK.keySet()).containsExactlyInAnyOrder(0, 1);
        assertThat(DEVICE_RECORDS_PER_SUBTASK.values()).allSatisfy(count -> assertThat(count.get()).isPositive());
        // One publisher, one reader: the source keeps the broker's order (no reordering in the handover).
        SEQS_BY_READER_AND_DEVICE.forEach((readerAndDevice, seqs) ->
                assertThat(seqs).as(readerAndDevice).isSorted());
        LOG.info("Mosquitto's shared subscription split {} messages by reader subtask as {}", MESSAGES, DEVICE_RECORDS_PER_SUBTASK);
    }

    private static long deviceDeliveries() {
        return DELIVERIES.entrySet().stream().filter(e -> e.getKey().startsWith("ac-")).mapToLong(Map.Entry::getValue).sum();
    }

    /** Counts deliveries and records each reader subtask's arrival order (decode is chained to the source). */
    static final class RecordPerSubtask extends RichMapFunction<TelemetryMessage, TelemetryMessage> {
        private transient int subtask;

        @Override
        public void open(OpenContext openContext) {
            subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        }

        @Override
        public TelemetryMessage map(TelemetryMessage message) {
            DELIVERIES.merge(message.deviceId() + "#" + message.seq(), 1, Integer::sum);
            if (message.deviceId().startsWith("ac-")) {
                DEVICE_RECORDS_PER_SUBTASK.computeIfAbsent(subtask, s -> new AtomicInteger()).incrementAndGet();
                SEQS_BY_READER_AND_DEVICE.computeIfAbsent(subtask + "/" + message.deviceId(), k -> new CopyOnWriteArrayList<>())
                        .add(message.seq());
            }
            return message;
        }
    }
}

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
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
 * The running job reads on through a restart of the Mosquitto broker: the readers' persistent sessions, with the
 * messages queued and in flight to them, survive in the broker's persistence file, Paho reconnects to the same
 * URI and the readers subscribe again. Needs Docker: it fails, never skips, without it.
 */
class MqttSourceSurvivesMosquittoRestartTest {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceSurvivesMosquittoRestartTest.class);
    private static final int DEVICES = 20;
    private static final int MESSAGES_PER_DEVICE = 100;
    private static final int MESSAGES = DEVICES * MESSAGES_PER_DEVICE;
    /** Unacknowledged messages the broker may send each reader; the rest of a burst waits in its session. */
    private static final int RECEIVE_MAXIMUM = 20;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** Deliveries per "device#seq" after decoding. Static: the MiniCluster runs in this JVM. */
    static final Map<String, Integer> DELIVERIES = new ConcurrentHashMap<>();
    static final AtomicInteger DEVICE_DELIVERIES = new AtomicInteger();
    /** Holds each reader at its first record until the broker has restarted; see {@link HoldUntilOpen}. */
    static final CountDownLatch GATE = new CountDownLatch(1);

    private static MosquittoContainer mosquitto;

    @BeforeAll
    static void startMosquitto() {
        mosquitto = new MosquittoContainer();
        mosquitto.start();
    }

    @AfterAll
    static void stopMosquitto() {
        GATE.countDown();
        if (mosquitto != null) {
            mosquitto.stop();
        }
    }

    @Test
    void afterABrokerRestartMidStreamEveryMessageArrivesAtLeastOnceAndExactlyOnceAfterDedupe() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        MqttSource source = MqttSource.builder()
                .setServerUri(mosquitto.uri())
                .setTopicFilters("devices/+/telemetry")
                .setQos(1)
                .setSharedGroup("restart")
                .setClientIdPrefix("restart-ingest")
                .setSessionExpiry(Duration.ofMinutes(5))
                .setReconnectDelay(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .setReceiveMaximum(RECEIVE_MAXIMUM)
                .build();

        env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt")
                .process(new TelemetryDecodeFunction(ValidationConfig.defaults())).name("decode")
                .map(new HoldUntilOpen()).name("hold-until-open")
                .sinkTo(new DiscardingSink<>());

        JobClient job = env.executeAsync("mqtt-source-survives-mosquitto-restart-test");
        try {
            Instant start = Instant.now();
            try (TestPublisher before = new TestPublisher(mosquitto.uri(), "restart-publisher-1")) {
                awaitSubscribed(before, "probe-1");
                publish(before, 1, MESSAGES_PER_DEVICE / 2, start);
                // The first half is now the broker's: a few in flight to the held readers, the rest queued.
                before.flush();
            }
            int beforeRestart = DEVICE_DELIVERIES.get();
            assertThat(beforeRestart).as("device records in the job before the restart: at most one per held reader")
                    .isLessThanOrEqualTo(2);

            mosquitto.restart();
            GATE.countDown();

            // A fresh publisher: the first one's connection died with the broker.
            try (TestPublisher after = new TestPublisher(mosquitto.uri(), "restart-publisher-2")) {
                // The readers reconnect with backoff; messages published before they subscribe again could be dropped.
                awaitSubscribed(after, "probe-2");
                publish(after, MESSAGES_PER_DEVICE / 2 + 1, MESSAGES_PER_DEVICE, start);
                after.flush();
            }

            await().atMost(Duration.ofSeconds(60)).alias("every message after the broker restart")
                    .until(() -> distinctDeviceMessages() == MESSAGES);
            LOG.info("Broker restart: {} device records for {} messages ({} delivered again)",
                    DEVICE_DELIVERIES.get(), MESSAGES, DEVICE_DELIVERIES.get() - MESSAGES);
        } finally {
            job.cancel().get();
        }

        for (int d = 0; d < DEVICES; d++) {
            for (int seq = 1; seq <= MESSAGES_PER_DEVICE; seq++) {
                assertThat(DELIVERIES.get(device(d) + "#" + seq)).as(device(d) + "#" + seq).isNotNull().isPositive();
            }
        }
        // Dedupe by (device, seq): exactly the published set, nothing invented.
        assertThat(distinctDeviceMessages()).isEqualTo(MESSAGES);
        // What was in flight to the readers when the broker stopped was never acknowledged on that connection,
        // so the broker kept it through the restart and sent it again: at-least-once, duplicates included.
        assertThat(DEVICE_DELIVERIES.get()).isGreaterThan(MESSAGES);
    }

    private static void publish(TestPublisher publisher, int fromSeq, int toSeq, Instant eventTime) throws Exception {
        for (int seq = fromSeq; seq <= toSeq; seq++) {
            for (int d = 0; d < DEVICES; d++) {
                publisher.publish(TelemetryMessage.topicFor(device(d)), TelemetryPayloads.json(device(d), seq, eventTime), 1);
            }
        }
    }

    /** Publishes a probe until the job has decoded one, i.e. the shared subscription is in place. */
    private static void awaitSubscribed(TestPublisher publisher, String probeDevice) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            publisher.publish(TelemetryMessage.topicFor(probeDevice), TelemetryPayloads.json(probeDevice, 0, Instant.now()), 1);
            return DELIVERIES.containsKey(probeDevice + "#0");
        });
    }

    private static long distinctDeviceMessages() {
        return DELIVERIES.keySet().stream().filter(k -> k.startsWith("ac-")).count();
    }

    /**
     * Records every delivery, then holds the reader's task thread (it is chained to the source) until the test
     * opens {@link #GATE}. While held, a reader acknowledges nothing, since no checkpoint can complete, so the
     * broker sends it no more than the receive maximum and queues the rest of the first half in its session:
     * the restart then really happens in the middle of the stream.
     */
    static final class HoldUntilOpen implements MapFunction<TelemetryMessage, TelemetryMessage> {
        @Override
        public TelemetryMessage map(TelemetryMessage message) throws InterruptedException {
            DELIVERIES.merge(message.deviceId() + "#" + message.seq(), 1, Integer::sum);
            if (message.deviceId().startsWith("ac-")) {
                DEVICE_DELIVERIES.incrementAndGet();
            }
            if (!GATE.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never opened the gate");
            }
            return message;
        }
    }
}

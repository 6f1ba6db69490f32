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
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
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
 * The running job keeps reading through a restart of the Mosquitto broker: the readers' persistent sessions
 * and what the broker queued for them survive in its persistence file, Paho reconnects to the same URI and
 * the readers subscribe again. Needs Docker: it fails, never skips, without it.
 */
class MqttSourceSurvivesMosquittoRestartTest {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceSurvivesMosquittoRestartTest.class);
    private static final int DEVICES = 20;
    private static final int MESSAGES_PER_DEVICE = 100;
    private static final int MESSAGES = DEVICES * MESSAGES_PER_DEVICE;
    /**
     * Each reader acknowledges only after a checkpoint (every 500 ms) and may have this many unacknowledged
     * messages, so it takes at most this many per checkpoint: most of the first half is still in the broker when
     * it restarts, queued in the readers' sessions.
     */
    private static final int RECEIVE_MAXIMUM = 100;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** Deliveries per "device#seq" after decoding. Static: the MiniCluster runs in this JVM. */
    static final Map<String, Integer> DELIVERIES = new ConcurrentHashMap<>();
    static final AtomicInteger DEVICE_DELIVERIES = new AtomicInteger();

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
                .map(MqttSourceSurvivesMosquittoRestartTest::record).name("record")
                .sinkTo(new DiscardingSink<>());

        JobClient job = env.executeAsync("mqtt-source-survives-mosquitto-restart-test");
        try {
            Instant start = Instant.now();
            try (TestPublisher before = new TestPublisher(mosquitto.uri(), "restart-publisher-1")) {
                awaitSubscribed(before, "probe-1");
                long t0 = System.nanoTime();
                Thread sampler = new Thread(() -> { try { for (int i = 0; i < 60; i++) { System.out.println("SAMPLE " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + DEVICE_DELIVERIES.get()); Thread.sleep(100);} } catch (InterruptedException e) {} });
                sampler.setDaemon(true); sampler.start();
                publish(before, 1, MESSAGES_PER_DEVICE / 2, start);
                // Every message of the first half is now the broker's: queued or in flight to a reader.
                before.flush();
                System.out.println("FLUSHED " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + DEVICE_DELIVERIES.get());
            }
            int beforeRestart = DEVICE_DELIVERIES.get();
            mosquitto.restart();
            assertThat(beforeRestart).as("device records that reached the job before the restart")
                    .isLessThan(MESSAGES / 2);

            // A fresh publisher: the first one's connection died with the broker.
            try (TestPublisher after = new TestPublisher(mosquitto.uri(), "restart-publisher-2")) {
                // The readers reconnect with backoff; messages published before they subscribe again could be dropped.
                awaitSubscribed(after, "probe-2");
                publish(after, MESSAGES_PER_DEVICE / 2 + 1, MESSAGES_PER_DEVICE, start);
                after.flush();
            }

            await().atMost(Duration.ofSeconds(60)).alias("every message after the broker restart")
                    .until(() -> distinctDeviceMessages() == MESSAGES);
            LOG.info("Broker restart: {} device records had arrived before it; {} records for {} messages in all",
                    beforeRestart, DEVICE_DELIVERIES.get(), MESSAGES);
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
        assertThat(DEVICE_DELIVERIES.get()).isGreaterThanOrEqualTo(MESSAGES);
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

    private static TelemetryMessage record(TelemetryMessage message) {
        DELIVERIES.merge(message.deviceId() + "#" + message.seq(), 1, Integer::sum);
        if (message.deviceId().startsWith("ac-")) {
            DEVICE_DELIVERIES.incrementAndGet();
        }
        return message;
    }
}

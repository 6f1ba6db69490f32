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
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job reading from Mosquitto fails mid-stream and restores from its last checkpoint: the restarted readers
 * resume their persistent sessions and the broker redelivers what was never acknowledged. Needs Docker: it
 * fails, never skips, without it.
 */
class MqttSourceRecoveryOnMosquittoTest {
    private static final int DEVICES = 20;
    private static final int MESSAGES_PER_DEVICE = 100;
    private static final int MESSAGES = DEVICES * MESSAGES_PER_DEVICE;
    private static final int FAIL_AFTER = 800;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** Deliveries per "device#seq" after decoding. Static: the MiniCluster runs in this JVM. */
    static final Map<String, Integer> DELIVERIES = new ConcurrentHashMap<>();
    static final AtomicInteger SEEN_BEFORE_FAILURE = new AtomicInteger();
    /** The message being processed when the job failed. */
    static final AtomicReference<String> FAILED_ON = new AtomicReference<>();

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
    void afterAJobFailureAndRestoreEveryMessageArrivesAtLeastOnceAndExactlyOnceAfterDedupe() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(500);
        MqttSource source = MqttSource.builder()
                .setServerUri(mosquitto.uri())
                .setTopicFilters("devices/+/telemetry")
                .setQos(1)
                .setSharedGroup("recovery")
                .setClientIdPrefix("recovery-ingest")
                .setSessionExpiry(Duration.ofMinutes(5))
                .build();

        env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt")
                .process(new TelemetryDecodeFunction(ValidationConfig.defaults())).name("decode")
                .map(new RecordThenFailOnce()).name("record-then-fail-once")
                .sinkTo(new DiscardingSink<>());

        JobClient job = env.executeAsync("mqtt-source-recovery-on-mosquitto-test");
        try (TestPublisher publisher = new TestPublisher(mosquitto.uri(), "recovery-publisher")) {
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

            await().atMost(Duration.ofSeconds(60)).alias("every message after the restore")
                    .until(() -> DELIVERIES.keySet().stream().filter(k -> k.startsWith("ac-")).count() == MESSAGES);
        } finally {
            job.cancel().get();
        }

        assertThat(FAILED_ON.get()).as("the job failed once").isNotNull();
        for (int d = 0; d < DEVICES; d++) {
            for (int seq = 1; seq <= MESSAGES_PER_DEVICE; seq++) {
                assertThat(DELIVERIES.get(device(d) + "#" + seq)).as(device(d) + "#" + seq).isNotNull().isPositive();
            }
        }
        // Dedupe by (device, seq), as streaming-jobs does: exactly the published set, nothing invented.
        assertThat(DELIVERIES.keySet().stream().filter(k -> k.startsWith("ac-")).count()).isEqualTo(MESSAGES);
        // The failing message never reached a checkpoint, so it was never acknowledged and came again.
        assertThat(DELIVERIES.get(FAILED_ON.get())).as("deliveries of " + FAILED_ON.get()).isGreaterThanOrEqualTo(2);
    }

    /** Records each delivery, then throws once, at the {@link #FAIL_AFTER}th device message, as a crash would. */
    static final class RecordThenFailOnce implements MapFunction<TelemetryMessage, TelemetryMessage> {
        @Override
        public TelemetryMessage map(TelemetryMessage message) {
            String key = message.deviceId() + "#" + message.seq();
            DELIVERIES.merge(key, 1, Integer::sum);
            if (message.deviceId().startsWith("ac-") && SEEN_BEFORE_FAILURE.incrementAndGet() == FAIL_AFTER
                    && FAILED_ON.compareAndSet(null, key)) {
                throw new IllegalStateException("injected failure at " + key);
            }
            return message;
        }
    }
}

package io.forewarn.ingest.source;

import static io.forewarn.ingest.testing.TelemetryPayloads.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.testing.EmbeddedMqttBroker;
import io.forewarn.ingest.testing.TelemetryPayloads;
import io.forewarn.ingest.testing.TestPublisher;
import io.forewarn.ingest.validation.DeadLetter;
import io.forewarn.ingest.validation.RejectReason;
import io.forewarn.ingest.validation.TelemetryDecodeFunction;
import io.forewarn.ingest.validation.ValidationConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The source and the decoder in a Flink MiniCluster job, reading from a real embedded HiveMQ. */
class MqttSourceJobTest {
    private static final int DEVICES = 20;
    private static final int MESSAGES_PER_DEVICE = 100;
    private static final int MESSAGES = DEVICES * MESSAGES_PER_DEVICE;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** What the job saw, by device and seq, and by which reader subtask. Static: the MiniCluster runs in this JVM. */
    static final Set<String> ACCEPTED = ConcurrentHashMap.newKeySet();
    static final Map<Integer, Integer> PER_SUBTASK = new ConcurrentHashMap<>();
    static final AtomicInteger DEVICE_RECORDS = new AtomicInteger();
    static final Set<DeadLetter> DEAD = ConcurrentHashMap.newKeySet();

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
    void everyPublishedMessageReachesTheJobOnceThroughTheSharedSubscriptionOfBothReaders() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        MqttSource source = MqttSource.builder()
                .setServerUri(broker.serverUri())
                .setTopicFilters("devices/+/telemetry")
                .setQos(1)
                .setSharedGroup("forewarn-ingest")
                .setClientIdPrefix("it-ingest")
                .setSessionExpiry(Duration.ofMinutes(5))
                .setConnectionTimeout(Duration.ofSeconds(10))
                .build();

        SingleOutputStreamOperator<TelemetryMessage> telemetry = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt")
                .map(new CountPerSubtask()).name("count-per-subtask")
                .process(new TelemetryDecodeFunction(ValidationConfig.defaults())).name("decode");
        telemetry.map(m -> ACCEPTED.add(m.deviceId() + "#" + m.seq())).sinkTo(new DiscardingSink<>());
        telemetry.getSideOutput(TelemetryDecodeFunction.DEAD_LETTERS).map(dead -> DEAD.add(dead)).sinkTo(new DiscardingSink<>());

        JobClient job = env.executeAsync("mqtt-source-job-test");
        try {
            // The shared subscription exists once both readers subscribed; messages published before are not routed.
            await().atMost(Duration.ofSeconds(60)).until(() -> job.getJobStatus().get().name().equals("RUNNING"));
            try (TestPublisher publisher = new TestPublisher(broker.serverUri(), "it-publisher")) {
                awaitSubscribed(publisher);
                Instant start = Instant.now();
                for (int seq = 1; seq <= MESSAGES_PER_DEVICE; seq++) {
                    for (int d = 0; d < DEVICES; d++) {
                        publisher.publish(TelemetryMessage.topicFor(device(d)), TelemetryPayloads.json(device(d), seq, start), 1);
                    }
                }
                publisher.publish(TelemetryMessage.topicFor("spoofer"), TelemetryPayloads.json("victim", 1, start), 1);
                publisher.flush();
            }

            await().atMost(Duration.ofSeconds(120)).alias("all " + MESSAGES + " messages decoded").until(() -> ACCEPTED.size() >= MESSAGES + 1);
            await().atMost(Duration.ofSeconds(30)).alias("the spoofed message as a dead letter").until(() -> !DEAD.isEmpty());
        } finally {
            job.cancel().get();
        }

        for (int d = 0; d < DEVICES; d++) {
            for (int seq = 1; seq <= MESSAGES_PER_DEVICE; seq++) {
                assertThat(ACCEPTED).contains(device(d) + "#" + seq);
            }
        }
        // One shared subscription: each message went to one of the two readers (plain subscriptions would give
        // every message to both). How the broker spreads a burst is its choice; HiveMQ tends to favour one.
        assertThat(DEVICE_RECORDS.get()).isEqualTo(MESSAGES);
        assertThat(PER_SUBTASK.keySet()).isSubsetOf(0, 1);
        assertThat(DEAD).extracting(DeadLetter::reason).containsOnly(RejectReason.DEVICE_MISMATCH);
    }

    /** Publishes a probe message until the job has decoded one, i.e. the shared subscription is in place. */
    private static void awaitSubscribed(TestPublisher publisher) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            publisher.publish(TelemetryMessage.topicFor("probe"), TelemetryPayloads.json("probe", 0, Instant.now()), 1);
            return ACCEPTED.contains("probe#0");
        });
    }

    /** Records which reader subtask emitted each record (it is chained to the source, so the index matches). */
    static final class CountPerSubtask extends RichMapFunction<MqttRecord, MqttRecord> {
        private transient int subtask;

        @Override
        public void open(OpenContext openContext) {
            subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        }

        @Override
        public MqttRecord map(MqttRecord record) {
            PER_SUBTASK.merge(subtask, 1, Integer::sum);
            if (record.topic().startsWith("devices/ac-")) {
                DEVICE_RECORDS.incrementAndGet();
            }
            return record;
        }
    }
}

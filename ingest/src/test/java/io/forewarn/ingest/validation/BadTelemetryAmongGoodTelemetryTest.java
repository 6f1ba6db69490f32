package io.forewarn.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.source.MqttSource;
import io.forewarn.ingest.testing.BadTelemetryCorpus;
import io.forewarn.ingest.testing.BadTelemetryCorpus.BadPayload;
import io.forewarn.ingest.testing.DeliveryLog;
import io.forewarn.ingest.testing.EmbeddedMqttBroker;
import io.forewarn.ingest.testing.JobMetrics;
import io.forewarn.ingest.testing.SourceJobs;
import io.forewarn.ingest.testing.TelemetryPayloads;
import io.forewarn.ingest.testing.TestFleet;
import io.forewarn.ingest.testing.TestPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bad-payload corpus sent through a real broker into the source and the decode step, as the job runs them,
 * each bad payload between two good messages of the same device on the same topic: every bad one comes out as a
 * dead letter with its reason and field, every good one comes out once and unchanged, the job never fails, and
 * the decode step's counters say the same. Valid telemetry of a device the registry does not know is added to the
 * corpus, and is rejected or quarantined as the policy says.
 */
class BadTelemetryAmongGoodTelemetryTest {
    private static final String UNREGISTERED = "ac-9999";
    private static final String DEVICE = "ac-0001";
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    static final Queue<TelemetryMessage> ACCEPTED = new ConcurrentLinkedQueue<>();
    static final Queue<DeadLetter> REJECTED = new ConcurrentLinkedQueue<>();

    @RegisterExtension
    static final MiniClusterExtension FLINK = SourceJobs.miniCluster();

    @RegisterExtension
    static final EmbeddedMqttBroker BROKER = new EmbeddedMqttBroker();

    private final DeliveryLog deliveries = DeliveryLog.create(getClass().getSimpleName());

    @ParameterizedTest(name = "unknown devices: {0}")
    @EnumSource(value = UnknownDevicePolicy.class, names = {"REJECT", "QUARANTINE"})
    void everyBadPayloadBecomesADeadLetterWithItsReasonAndTheGoodMessagesAroundItArriveUnchanged(UnknownDevicePolicy policy)
            throws Exception {
        ACCEPTED.clear();
        REJECTED.clear();
        String jobName = "bad-telemetry-among-good-" + policy;
        // The corpus, and valid telemetry of a device the registry does not know, rejected or quarantined by policy.
        List<BadPayload> corpus = new ArrayList<>(BadTelemetryCorpus.payloads());
        corpus.add(new BadPayload("valid telemetry of an unregistered device", TelemetryMessage.topicFor(UNREGISTERED),
                policy == UnknownDevicePolicy.REJECT ? RejectReason.UNKNOWN_DEVICE : RejectReason.QUARANTINED_UNKNOWN_DEVICE,
                "deviceId", TelemetryPayloads.json(UNREGISTERED, 1, BadTelemetryCorpus.NOW).getBytes(StandardCharsets.UTF_8)));
        Set<String> registered = Set.of(DEVICE, "probe");
        DeviceRegistry registry = registered::contains;

        StreamExecutionEnvironment env = SourceJobs.environment();
        // Every topic of the corpus, the malformed ones included, as a broker would route them to a wide filter.
        MqttSource source = SourceJobs.qos1Source(BROKER.serverUri(), "corpus-" + policy).setTopicFilters("devices/#").build();
        SingleOutputStreamOperator<TelemetryMessage> decoded = env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt")
                .process(new TelemetryDecodeFunction(ValidationConfig.defaults().withUnknownDevices(policy), ProductCatalog::load, registry))
                .name("decode");
        decoded.map(deliveries.recorder()).name("record").map(new Accept()).name("accepted").sinkTo(new DiscardingSink<>());
        decoded.getSideOutput(TelemetryDecodeFunction.DEAD_LETTERS).map(new Reject()).name("rejected").sinkTo(new DiscardingSink<>());

        // The corpus is judged at BadTelemetryCorpus.NOW; the job judges at the wall clock, so every event time is
        // moved by the same amount: what is 1 day ahead or 31 days old stays so.
        Instant now = Instant.now();
        Duration shift = Duration.between(BadTelemetryCorpus.NOW, now);
        JobClient job = env.executeAsync(jobName);
        try (TestPublisher publisher = new TestPublisher(BROKER.serverUri(), "corpus-publisher")) {
            TestFleet.awaitSubscribed(publisher, "probe", deliveries);
            String topic = TelemetryMessage.topicFor(DEVICE);
            for (int i = 0; i < corpus.size(); i++) {
                publisher.publish(topic, TelemetryPayloads.json(DEVICE, i + 1, now), 1);
                publisher.publish(corpus.get(i).topic(), shifted(corpus.get(i).payload(), shift), 1);
            }
            publisher.publish(topic, TelemetryPayloads.json(DEVICE, corpus.size() + 1, now), 1);
            publisher.flush();

            await().atMost(Duration.ofSeconds(60)).alias("every good and bad message out")
                    .until(() -> REJECTED.size() >= corpus.size() && deliveries.deliveries(DEVICE, corpus.size() + 1) > 0);
            // A probe published while waiting for the subscription may still sit in a reader's queue, or be between the
            // decode step and the recorder: wait until everything received has gone through both before cancelling.
            await().atMost(Duration.ofSeconds(30)).alias("every received message through the decode step and recorded").until(() ->
                    JobMetrics.sum(jobName, "Source: mqtt", "mqtt.messagesReceived") == JobMetrics.sum(jobName, "decode", "telemetry.recordsIn")
                            && JobMetrics.sum(jobName, "decode", "telemetry.recordsOut") == ACCEPTED.size());
        } finally {
            job.cancel().get();
        }

        // Each bad payload is identified by its topic and bytes (either alone may repeat), and got its own reason and field.
        Map<String, DeadLetter> byMessage = REJECTED.stream()
                .collect(Collectors.toMap(d -> key(d.topic(), d.payload()), Function.identity()));
        assertThat(REJECTED).hasSize(corpus.size());
        for (BadPayload bad : corpus) {
            DeadLetter dead = byMessage.get(key(bad.topic(), shifted(bad.payload(), shift)));
            assertThat(dead).as(bad.file()).isNotNull();
            assertThat(dead.reason()).as(bad.file() + ": " + dead.detail()).isEqualTo(bad.reason());
            assertThat(dead.field()).as(bad.file() + ": " + dead.detail()).isEqualTo(bad.field());
            assertThat(dead.topic()).as(bad.file()).isEqualTo(bad.topic());
        }

        // The good messages around them: each once, exactly as sent.
        List<TelemetryMessage> good = ACCEPTED.stream().filter(m -> m.deviceId().equals(DEVICE)).toList();
        assertThat(good).hasSize(corpus.size() + 1);
        for (TelemetryMessage message : good) {
            assertThat(message).isEqualTo(new TelemetryMessage(1, DEVICE, "AC-INV-12K", now, message.seq(), Map.of(
                    "compressor_current", new TelemetryMessage.Metric(4.2, "A"),
                    "airflow", new TelemetryMessage.Metric(530, "m3/h"))));
        }
        assertThat(good).extracting(TelemetryMessage::seq).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, corpus.size() + 1).boxed().toList());

        // The decode step's Flink metrics count the same: in, out, dead letters, and each reason.
        long probes = ACCEPTED.size() - good.size();
        assertThat(JobMetrics.sum(jobName, "decode", "telemetry.recordsIn")).isEqualTo(probes + good.size() + corpus.size());
        assertThat(JobMetrics.sum(jobName, "decode", "telemetry.recordsOut")).isEqualTo(probes + good.size());
        assertThat(JobMetrics.sum(jobName, "decode", "telemetry.deadLetters")).isEqualTo(corpus.size());
        // The readers received what the decode step got, no more (no failure, no redelivery).
        assertThat(JobMetrics.sum(jobName, "Source: mqtt", "mqtt.messagesReceived")).isEqualTo(probes + good.size() + corpus.size());
        // The registry was asked only about the devices whose telemetry passed validation (the good one, the probe and
        // the unregistered one), once per device and parallel instance thanks to the cache.
        assertThat(JobMetrics.sum(jobName, "decode", "telemetry.registryLookups")).isBetween(3L, 3L * SourceJobs.PARALLELISM);
        Map<RejectReason, Long> expectedByReason = corpus.stream()
                .collect(Collectors.groupingBy(BadPayload::reason, Collectors.counting()));
        for (RejectReason reason : RejectReason.values()) {
            assertThat(JobMetrics.sum(jobName, "decode", "telemetry.rejected." + reason.name().toLowerCase(Locale.ROOT)))
                    .as(reason.name()).isEqualTo(expectedByReason.getOrDefault(reason, 0L));
        }
    }

    private static String key(String topic, byte[] payload) {
        return topic + " " + new String(payload, StandardCharsets.ISO_8859_1);
    }

    /** The payload with each ISO-8601 instant in it moved by {@code shift}; every other byte as it was. */
    private static byte[] shifted(byte[] payload, Duration shift) {
        // ISO-8859-1 maps bytes to chars one to one, so invalid UTF-8 and the payload's length survive.
        Matcher instants = ISO_INSTANT.matcher(new String(payload, StandardCharsets.ISO_8859_1));
        String moved = instants.replaceAll(m -> Instant.parse(m.group()).plus(shift).truncatedTo(ChronoUnit.SECONDS).toString());
        byte[] result = moved.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(result.length).as("length of " + Arrays.toString(Arrays.copyOf(payload, 20))).isEqualTo(payload.length);
        return result;
    }

    static final class Accept implements MapFunction<TelemetryMessage, TelemetryMessage> {
        @Override
        public TelemetryMessage map(TelemetryMessage message) {
            ACCEPTED.add(message);
            return message;
        }
    }

    static final class Reject implements MapFunction<DeadLetter, DeadLetter> {
        @Override
        public DeadLetter map(DeadLetter dead) {
            REJECTED.add(dead);
            return dead;
        }
    }
}

package io.forewarn.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.testing.DeliveryLog;
import io.forewarn.ingest.testing.EmbeddedMqttBroker;
import io.forewarn.ingest.testing.SourceJobs;
import io.forewarn.ingest.testing.TelemetryPayloads;
import io.forewarn.ingest.testing.TestFleet;
import io.forewarn.ingest.testing.TestPublisher;
import io.forewarn.ingest.validation.DeadLetter;
import io.forewarn.ingest.validation.RejectReason;
import io.forewarn.ingest.validation.TelemetryDecodeFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The source and the decoder in a Flink MiniCluster job, reading from a real embedded HiveMQ. */
class MqttSourceJobTest {
    private static final TestFleet FLEET = new TestFleet(20, 100);

    @RegisterExtension
    static final MiniClusterExtension FLINK = SourceJobs.miniCluster();

    @RegisterExtension
    static final EmbeddedMqttBroker BROKER = new EmbeddedMqttBroker();

    static final DeliveryLog DELIVERIES = DeliveryLog.create("MqttSourceJobTest");
    /** Static: the MiniCluster runs in this JVM. */
    static final Set<DeadLetter> DEAD = ConcurrentHashMap.newKeySet();

    @Test
    void everyPublishedMessageReachesTheJobOnceThroughTheSharedSubscriptionOfBothReaders() throws Exception {
        StreamExecutionEnvironment env = SourceJobs.environment();
        MqttSource source = SourceJobs.qos1Source(BROKER.serverUri(), "forewarn-ingest").build();
        SingleOutputStreamOperator<TelemetryMessage> telemetry = SourceJobs.decoded(env, source);
        telemetry.map(DELIVERIES.recorder()).sinkTo(new DiscardingSink<>());
        // A lambda, not DEAD::add: a method reference would capture (and ship) a copy of the set.
        telemetry.getSideOutput(TelemetryDecodeFunction.DEAD_LETTERS).map(dead -> DEAD.add(dead)).sinkTo(new DiscardingSink<>());

        JobClient job = env.executeAsync("mqtt-source-job-test");
        try (TestPublisher publisher = new TestPublisher(BROKER.serverUri(), "it-publisher")) {
            // The shared subscription exists once both readers subscribed; messages published before are not routed.
            TestFleet.awaitSubscribed(publisher, "probe", DELIVERIES);
            FLEET.publishAll(publisher);
            publisher.publish(TelemetryMessage.topicFor("spoofer"), TelemetryPayloads.json("victim", 1, Instant.now()), 1);
            publisher.flush();

            FLEET.awaitEveryMessage(DELIVERIES, Duration.ofSeconds(120));
            await().atMost(Duration.ofSeconds(30)).alias("the spoofed message as a dead letter").until(() -> !DEAD.isEmpty());
        } finally {
            job.cancel().get();
        }

        // One shared subscription: each message went to one of the two readers (plain subscriptions would give
        // every message to both). How the broker spreads a burst is its choice; HiveMQ tends to favour one.
        FLEET.assertEveryMessageArrivedExactlyOnce(DELIVERIES);
        assertThat(DELIVERIES.fleetDeliveriesBySubtask().keySet()).isSubsetOf(0, 1);
        assertThat(DEAD).extracting(DeadLetter::reason).containsOnly(RejectReason.DEVICE_MISMATCH);
    }
}

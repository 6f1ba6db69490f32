package io.forewarn.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.ingest.testing.DeliveryLog;
import io.forewarn.ingest.testing.MosquittoContainer;
import io.forewarn.ingest.testing.SourceJobs;
import io.forewarn.ingest.testing.TestFleet;
import io.forewarn.ingest.testing.TestPublisher;
import java.time.Duration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The source in a Flink MiniCluster job against a real Mosquitto broker in a container: two readers share one
 * MQTT 5 shared subscription and acknowledge after checkpoints. Needs Docker: it fails, never skips, without it.
 */
@Testcontainers
class MqttSourceOnMosquittoTest {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceOnMosquittoTest.class);
    private static final TestFleet FLEET = new TestFleet(20, 100);

    @RegisterExtension
    static final MiniClusterExtension FLINK = SourceJobs.miniCluster();

    @Container
    static final MosquittoContainer MOSQUITTO = new MosquittoContainer();

    static final DeliveryLog DELIVERIES = DeliveryLog.create("MqttSourceOnMosquittoTest");

    @Test
    void everyPublishedMessageArrivesExactlyOnceAcrossBothReadersOfTheSharedSubscription() throws Exception {
        StreamExecutionEnvironment env = SourceJobs.environment();
        MqttSource source = SourceJobs.qos1Source(MOSQUITTO.uri(), "forewarn-ingest").build();
        SourceJobs.decoded(env, source).map(DELIVERIES.recorder()).name("record").sinkTo(new DiscardingSink<>());

        JobClient job = env.executeAsync("mqtt-source-on-mosquitto-test");
        try (TestPublisher publisher = new TestPublisher(MOSQUITTO.uri(), "mosquitto-publisher")) {
            // Messages published before the shared subscription exists are dropped by the broker.
            TestFleet.awaitSubscribed(publisher, "probe", DELIVERIES);
            FLEET.publishAll(publisher);

            FLEET.awaitEveryMessage(DELIVERIES, Duration.ofSeconds(60));
            // Stable for a few checkpoints (every 500 ms): any redelivery would show up as a second copy.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> DELIVERIES.fleetDeliveries() == FLEET.messages());
        } finally {
            job.cancel().get();
        }

        FLEET.assertEveryMessageArrivedExactlyOnce(DELIVERIES);
        // Mosquitto hands shared-subscription messages to the group's members in turn, so both readers work.
        assertThat(DELIVERIES.fleetDeliveriesBySubtask().keySet()).containsExactlyInAnyOrder(0, 1);
        assertThat(DELIVERIES.fleetDeliveriesBySubtask().values()).allSatisfy(count -> assertThat(count.get()).isPositive());
        // One publisher, one reader: the source keeps the broker's order (no reordering in the handover).
        DELIVERIES.seqsByReaderAndDevice().forEach((readerAndDevice, seqs) -> assertThat(seqs).as(readerAndDevice).isSorted());
        LOG.info("Mosquitto's shared subscription split {} messages by reader subtask as {}", FLEET.messages(),
                DELIVERIES.fleetDeliveriesBySubtask());
    }
}

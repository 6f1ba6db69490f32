package io.forewarn.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.testing.DeliveryLog;
import io.forewarn.ingest.testing.MosquittoContainer;
import io.forewarn.ingest.testing.SourceJobs;
import io.forewarn.ingest.testing.TestFleet;
import io.forewarn.ingest.testing.TestPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The running job reads on through a restart of the Mosquitto broker: the readers' persistent sessions, with the
 * messages queued and in flight to them, survive in the broker's persistence file, Paho reconnects to the same
 * URI and the readers subscribe again. Needs Docker: it fails, never skips, without it.
 */
@Testcontainers
class MqttSourceSurvivesMosquittoRestartTest {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceSurvivesMosquittoRestartTest.class);
    private static final TestFleet FLEET = new TestFleet(20, 100);
    /** Unacknowledged messages the broker may send each reader; the rest of a burst waits in its session. */
    private static final int RECEIVE_MAXIMUM = 20;

    @RegisterExtension
    static final MiniClusterExtension FLINK = SourceJobs.miniCluster();

    @Container
    static final MosquittoContainer MOSQUITTO = new MosquittoContainer();

    static final DeliveryLog DELIVERIES = DeliveryLog.create("MqttSourceSurvivesMosquittoRestartTest");
    /** Holds each reader at its first record until the broker has restarted; see {@link HoldUntilOpen}. */
    static final CountDownLatch GATE = new CountDownLatch(1);

    @AfterAll
    static void openTheGate() {
        GATE.countDown();
    }

    @Test
    void afterABrokerRestartMidStreamEveryMessageArrivesAtLeastOnceAndExactlyOnceAfterDedupe() throws Exception {
        StreamExecutionEnvironment env = SourceJobs.environment();
        MqttSource source = SourceJobs.qos1Source(MOSQUITTO.uri(), "restart")
                .setReconnectDelay(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .setReceiveMaximum(RECEIVE_MAXIMUM)
                .build();
        SourceJobs.decoded(env, source)
                .map(DELIVERIES.recorder()).name("record")
                .map(new HoldUntilOpen()).name("hold-until-open")
                .sinkTo(new DiscardingSink<>());

        JobClient job = env.executeAsync("mqtt-source-survives-mosquitto-restart-test");
        try {
            Instant start = Instant.now();
            try (TestPublisher before = new TestPublisher(MOSQUITTO.uri(), "restart-publisher-1")) {
                TestFleet.awaitSubscribed(before, "probe-1", DELIVERIES);
                FLEET.publish(before, 1, FLEET.messagesPerDevice() / 2, start);
                // The first half is now the broker's: a few in flight to the held readers, the rest queued.
                before.flush();
            }
            assertThat(DELIVERIES.fleetDeliveries()).as("fleet records in the job before the restart: at most one per held reader")
                    .isLessThanOrEqualTo(2);

            MOSQUITTO.restart();
            GATE.countDown();

            // A fresh publisher: the first one's connection died with the broker.
            try (TestPublisher after = new TestPublisher(MOSQUITTO.uri(), "restart-publisher-2")) {
                // The readers reconnect with backoff; messages published before they subscribe again could be dropped.
                TestFleet.awaitSubscribed(after, "probe-2", DELIVERIES);
                FLEET.publish(after, FLEET.messagesPerDevice() / 2 + 1, FLEET.messagesPerDevice(), start);
                after.flush();
            }

            FLEET.awaitEveryMessage(DELIVERIES, Duration.ofSeconds(60));
            LOG.info("Broker restart: {} fleet records for {} messages ({} delivered again)",
                    DELIVERIES.fleetDeliveries(), FLEET.messages(), DELIVERIES.fleetDeliveries() - FLEET.messages());
        } finally {
            job.cancel().get();
        }

        // Dedupe by (device, seq): exactly the published set, nothing invented.
        FLEET.assertEveryMessageArrivedAtLeastOnce(DELIVERIES);
        // What was in flight to the readers when the broker stopped was never acknowledged on that connection,
        // so the broker kept it through the restart and sent it again: at-least-once, duplicates included.
        assertThat(DELIVERIES.fleetDeliveries()).isGreaterThan(FLEET.messages());
    }

    /**
     * Holds the reader's task thread (it is chained to the source) until the test opens {@link #GATE}. While
     * held, a reader acknowledges nothing, since no checkpoint can complete, so the broker sends it no more than
     * the receive maximum and queues the rest of the first half in its session: the restart then really happens
     * in the middle of the stream.
     */
    static final class HoldUntilOpen implements MapFunction<TelemetryMessage, TelemetryMessage> {
        @Override
        public TelemetryMessage map(TelemetryMessage message) throws InterruptedException {
            if (!GATE.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never opened the gate");
            }
            return message;
        }
    }
}

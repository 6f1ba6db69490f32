package io.forewarn.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.testing.DeliveryLog;
import io.forewarn.ingest.testing.JobMetrics;
import io.forewarn.ingest.testing.SourceJobs;
import io.forewarn.ingest.testing.TestFleet;
import io.forewarn.ingest.testing.TestPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every broker must give the source when it restarts under a running job: the readers' persistent sessions,
 * with the messages queued and in flight to them, survive the restart in the broker's persistence, Paho reconnects
 * to the same URI with backoff and the readers subscribe again. A subclass per broker supplies it.
 */
abstract class BrokerRestartContract {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerRestartContract.class);
    private static final TestFleet FLEET = new TestFleet(20, 100);
    /** Unacknowledged messages the broker may send each reader; the rest of a burst waits in its session. */
    private static final int RECEIVE_MAXIMUM = 20;
    /** Holds each reader at its first record until the broker has restarted, by test class; see {@link HoldUntilOpen}. */
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    @RegisterExtension
    static final MiniClusterExtension FLINK = SourceJobs.miniCluster();

    private final String name = getClass().getSimpleName();
    private final DeliveryLog deliveries = DeliveryLog.create(name);
    private final CountDownLatch gate = new CountDownLatch(1);

    /** The broker under test, started for the class; its URI stays the same across {@link #restartBroker()}. */
    abstract String brokerUri();

    /** Stops the broker as a shutdown would and starts it again with its persisted sessions. */
    abstract void restartBroker();

    /**
     * Whether the broker, after its restart, sends again what was in flight to a reader when it stopped (MQTT 5
     * leaves this optional for shared subscriptions, 4.8.2). Either way nothing is lost here: what was in flight
     * had reached the reader.
     */
    abstract boolean resendsInFlightMessagesAfterRestart();

    @AfterEach
    void openTheGate() {
        gate.countDown();
    }

    @Test
    void afterABrokerRestartMidStreamEveryMessageArrivesAtLeastOnceAndExactlyOnceAfterDedupe() throws Exception {
        GATES.put(name, gate);
        StreamExecutionEnvironment env = SourceJobs.environment();
        MqttSource source = SourceJobs.qos1Source(brokerUri(), "restart")
                .setReconnectDelay(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .setReceiveMaximum(RECEIVE_MAXIMUM)
                .build();
        SourceJobs.decoded(env, source)
                .map(deliveries.recorder()).name("record")
                .map(new HoldUntilOpen(name)).name("hold-until-open")
                .sinkTo(new DiscardingSink<>());

        JobClient job = env.executeAsync(name);
        try {
            Instant start = Instant.now();
            try (TestPublisher before = new TestPublisher(brokerUri(), "restart-publisher-1")) {
                TestFleet.awaitSubscribed(before, "probe-1", deliveries);
                FLEET.publish(before, 1, FLEET.messagesPerDevice() / 2, start);
                // The first half is now the broker's: a few in flight to the held readers, the rest queued.
                before.flush();
            }
            assertThat(deliveries.fleetDeliveries()).as("fleet records in the job before the restart: at most one per held reader")
                    .isLessThanOrEqualTo(SourceJobs.PARALLELISM);

            restartBroker();
            gate.countDown();

            // A fresh publisher: the first one's connection died with the broker.
            try (TestPublisher after = new TestPublisher(brokerUri(), "restart-publisher-2")) {
                // The readers reconnect with backoff; messages published before they subscribe again could be dropped.
                TestFleet.awaitSubscribed(after, "probe-2", deliveries);
                FLEET.publish(after, FLEET.messagesPerDevice() / 2 + 1, FLEET.messagesPerDevice(), start);
                after.flush();
            }

            FLEET.awaitEveryMessage(deliveries, Duration.ofSeconds(120));
            // Both readers were connected when the broker stopped, and each counts its reconnect.
            await().atMost(Duration.ofSeconds(30)).alias("a reconnect counted by every reader")
                    .until(() -> JobMetrics.sum(name, "Source: mqtt", "mqtt.reconnects") >= SourceJobs.PARALLELISM);
            LOG.info("Broker restart: {} fleet records for {} messages ({} delivered again)",
                    deliveries.fleetDeliveries(), FLEET.messages(), deliveries.fleetDeliveries() - FLEET.messages());
        } finally {
            job.cancel().get();
        }

        // Dedupe by (device, seq): exactly the published set, nothing invented.
        FLEET.assertEveryMessageArrivedAtLeastOnce(deliveries);
        if (resendsInFlightMessagesAfterRestart()) {
            // What was in flight to the readers when the broker stopped was never acknowledged on that connection,
            // so the broker kept it through the restart and sent it again: at-least-once, duplicates included.
            assertThat(deliveries.fleetDeliveries()).isGreaterThan(FLEET.messages());
        }
    }

    /**
     * Holds the reader's task thread (it is chained to the source) until the test opens its gate. While held, a
     * reader acknowledges nothing, since no checkpoint can complete, so the broker sends it no more than the
     * receive maximum and queues the rest of the first half in its session: the restart then really happens in
     * the middle of the stream.
     */
    static final class HoldUntilOpen implements MapFunction<TelemetryMessage, TelemetryMessage> {
        private final String gate;

        HoldUntilOpen(String gate) {
            this.gate = gate;
        }

        @Override
        public TelemetryMessage map(TelemetryMessage message) throws InterruptedException {
            if (!GATES.get(gate).await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never opened the gate");
            }
            return message;
        }
    }
}

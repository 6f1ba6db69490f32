package io.forewarn.simulator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.Json;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
import io.forewarn.simulator.testing.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher against a real HiveMQ broker at its default receive maximum (10), read back by a Paho subscriber. */
class FleetPublisherTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final Instant START = Instant.parse("2026-11-25T00:00:00Z");

    @TempDir static Path brokerDir;
    static EmbeddedBroker broker;

    Subscriber subscriber;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @BeforeEach
    void subscribe() throws MqttException {
        subscriber = new Subscriber(broker.uri());
    }

    @AfterEach
    void unsubscribe() throws MqttException {
        subscriber.close();
    }

    private static FleetConfig config(int devices, Duration simSpan, double speedUp) {
        return FleetConfig.defaults().withStart(START).withDegradingDevices(0).withDevices(devices)
                .withSimSpan(simSpan).withSpeedUp(speedUp).withServerUri(broker.uri());
    }

    @Test
    void subscriberReceivesEveryMessageThePublisherReportsPublished() throws Exception {
        Fleet fleet = Fleet.create(CATALOG, config(10, Duration.ofHours(1), 36_000).withDegradingDevices(2));
        List<PublisherStats> progress = new CopyOnWriteArrayList<>();
        try (FleetPublisher publisher = new FleetPublisher(fleet, progress::add).start()) {
            assertThat(publisher.awaitFinished(Duration.ofSeconds(30))).as("finished the sim hour").isTrue();
            long expected = 10 * (3600 / 300 + 1);  // readings at 0, 5, …, 60 minutes
            assertThat(publisher.stats().messagesPublished()).isEqualTo(expected);
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received.size() >= expected);
            assertThat(subscriber.received).hasSize((int) expected);
        }
        // The subscription is at QoS 1, so a delivery's QoS is the publisher's: the default, 1.
        assertThat(subscriber.qos).containsOnly(1);
        Map<String, List<TelemetryMessage>> byDevice = subscriber.messages().stream()
                .collect(Collectors.groupingBy(TelemetryMessage::deviceId));
        assertThat(byDevice).hasSize(10);
        for (SimulatedDevice device : fleet.devices()) {
            List<TelemetryMessage> got = byDevice.get(device.deviceId());
            // One connection keeps a device's readings in order: exactly the generated stream.
            assertThat(got).as(device.deviceId()).isEqualTo(device.messages(13));
        }
        assertThat(subscriber.topics).allMatch(t -> TelemetryMessage.deviceIdOf(t) != null);
        assertThat(progress).as("a final progress report at close").isNotEmpty();
        assertThat(progress.get(progress.size() - 1).progressLine())
                .matches("sim 2026-11-25T01:00Z \\| 10 devices \\| 130 msgs \\| [0-9,]+ msg/s \\| faults active 2 \\| failures 0");
    }

    @Test
    void flowControlKeepsBurstsWithinTheBrokersReceiveMaximum() throws Exception {
        // A sim day in a fraction of a second of wall time: each connection has a backlog far beyond 10 in flight.
        Fleet fleet = Fleet.create(CATALOG, config(40, Duration.ofDays(1), 2_000_000).withConnections(2));
        long expected = 40 * (86_400 / 300 + 1);
        try (FleetPublisher publisher = new FleetPublisher(fleet, s -> { }).start()) {
            assertThat(publisher.awaitFinished(Duration.ofSeconds(60))).isTrue();
            assertThat(publisher.stats().messagesPublished()).isEqualTo(expected);
            assertThat(publisher.stats().publishFailures()).isZero();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(subscriber.received).hasSize((int) expected));
    }

    @Test
    void statsCountFaultsActiveAndFailuresAsTheSimClockPassesThem() throws Exception {
        Fleet fleet = Fleet.create(CATALOG, config(8, Duration.ofDays(6), 2_000_000).withDegradingDevices(3));
        try (FleetPublisher publisher = new FleetPublisher(fleet, s -> { })) {
            PublisherStats before = publisher.stats();
            assertThat(before.simTime()).isEqualTo(START);
            assertThat(before.faultsActive()).isEqualTo(3);
            assertThat(before.failures()).isZero();
            publisher.start();
            assertThat(publisher.awaitFinished(Duration.ofSeconds(60))).isTrue();
            PublisherStats after = publisher.stats();
            assertThat(after.simTime()).isEqualTo(START.plus(Duration.ofDays(6)));
            assertThat(after.failures()).isEqualTo(3);
            assertThat(after.faultsActive()).isZero();
            assertThat(after.devices()).isEqualTo(8);
        }
    }

    @Test
    void qosZeroPublishesToo() throws Exception {
        Fleet fleet = Fleet.create(CATALOG, config(4, Duration.ofHours(2), 72_000).withQos(0));
        long expected = 4 * (7200 / 300 + 1);
        try (FleetPublisher publisher = new FleetPublisher(fleet, s -> { }).start()) {
            assertThat(publisher.awaitFinished(Duration.ofSeconds(30))).isTrue();
            assertThat(publisher.stats().messagesPublished()).isEqualTo(expected);
        }
        // QoS 0 may in principle drop; over loopback to an idle broker it does not.
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received.size() >= expected);
        assertThat(subscriber.qos).as("delivered at the QoS it was published with").containsOnly(0);
    }

    @Test
    void closeIsIdempotentAndStopsPublishing() throws Exception {
        Fleet fleet = Fleet.create(CATALOG, config(4, null, 3600));
        FleetPublisher publisher = new FleetPublisher(fleet, s -> { }).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.stats().messagesPublished() >= 8);
        publisher.close();
        long atClose = publisher.stats().messagesPublished();
        publisher.close();
        assertThat(publisher.stats().messagesPublished()).isEqualTo(atClose);
        assertThat(publisher.isFinished()).as("an unbounded run never finishes").isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() >= atClose);
        assertThat(subscriber.received).hasSize((int) atClose);
    }

    @Test
    void afterTheBrokerRestartsPublishingCarriesOnWithoutAGapToTheEndOfTheRun() throws Exception {
        // Twelve sim hours at 7,200×: six wall seconds of publishing, with the broker gone for a few of them.
        Fleet fleet = Fleet.create(CATALOG, config(4, Duration.ofHours(12), 7_200));
        long lastSeq = 12 * 3600 / 300 + 1;
        try (FleetPublisher publisher = new FleetPublisher(fleet, s -> { }).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.stats().messagesPublished() >= 20);
            broker.restart();
            // The old subscriber's session went with the old broker.
            subscriber.close();
            subscriber = new Subscriber(broker.uri());
            assertThat(publisher.awaitFinished(Duration.ofSeconds(60))).as("the run reaches its end after the reconnect").isTrue();
            // Every reading was acknowledged, or was in flight when the broker went and is counted as failed: none
            // was dropped unaccounted while the connection was down.
            PublisherStats stats = publisher.stats();
            assertThat(stats.messagesPublished() + stats.publishFailures()).isEqualTo(4 * lastSeq);
            assertThat(stats.publishFailures()).as("at most the flow-control window of each of the 4 connections")
                    .isLessThanOrEqualTo(4 * (EmbeddedBroker.HIVEMQ_DEFAULT_RECEIVE_MAXIMUM - 1));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(subscriber.messages())
                    .filteredOn(m -> m.seq() == lastSeq).hasSize(4));
        }
        // What the new broker saw: each device's readings from the reconnect on, in order, none missing, to the last.
        Map<String, List<TelemetryMessage>> byDevice = subscriber.messages().stream().collect(Collectors.groupingBy(TelemetryMessage::deviceId));
        assertThat(byDevice).hasSize(4);
        for (SimulatedDevice device : fleet.devices()) {
            List<Long> seqs = byDevice.get(device.deviceId()).stream().map(TelemetryMessage::seq).toList();
            assertThat(seqs).as(device.deviceId()).containsExactlyElementsOf(LongStream.rangeClosed(seqs.get(0), lastSeq).boxed().toList());
            assertThat(byDevice.get(device.deviceId())).as("the readings are the device's own")
                    .allSatisfy(m -> assertThat(m).isEqualTo(device.message(m.seq())));
        }
    }

    @Test
    void aFleetStartedInThePastCatchesUpGoesLiveAndEachResumedRunNeitherRepeatsNorSkipsAReading() throws Exception {
        // The wall clock stands two hours after the fleet's start; the test moves it (and the elapsed time) by hand.
        SimClockTest.WallClock wall = new SimClockTest.WallClock(START.plus(Duration.ofHours(2)));
        Fleet fleet = Fleet.create(CATALOG, config(6, null, 3600).withConnections(2));

        // First run, stopped while still catching up: half a sim hour replayed in half a wall second.
        Instant stopped = run(fleet, null, wall, false, () -> {
            wall.advance(Duration.ofMillis(500));
            awaitReadings(6 * 7);  // 0, 5, …, 30 minutes
        });
        assertThat(stopped).as("resumes after what was published, short of the next reading").isEqualTo(START.plus(Duration.ofMinutes(30)));

        // Second run: catches up with the wall clock (three seconds replay three hours, more than the ones left) and goes live.
        Instant live = run(fleet, stopped, wall, true, () -> {
            wall.advance(Duration.ofSeconds(3));
            awaitReadings(6 * 25);  // up to the wall clock, two hours and a second after the start: 0 … 120 minutes
            wall.advance(Duration.ofMinutes(10));
            awaitReadings(6 * 27);  // then in real time: 125 and 130 minutes, nothing later
        });
        assertThat(live).as("stopped live: at the wall clock").isEqualTo(wall.instant());

        // Down for twenty minutes, then a third run: replays those (four readings a device) and is live at once.
        wall.advance(Duration.ofMinutes(20));
        run(fleet, live, wall, true, () -> {
            wall.advance(Duration.ofSeconds(1));
            awaitReadings(6 * 31);
        });

        Map<String, List<TelemetryMessage>> byDevice = subscriber.messages().stream().collect(Collectors.groupingBy(TelemetryMessage::deviceId));
        for (SimulatedDevice device : fleet.devices()) {
            List<Long> seqs = byDevice.get(device.deviceId()).stream().map(TelemetryMessage::seq).toList();
            assertThat(seqs).as(device.deviceId() + ": every reading once, in order, across three runs")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 31).boxed().toList());
        }
        assertThat(subscriber.messages()).as("no event time in the future").allSatisfy(m -> assertThat(m.eventTime()).isBeforeOrEqualTo(wall.instant()));
    }

    /** One publisher run on a clock catching up with {@code wall} from {@code resumeAfter} (null: the fleet's start); returns its resume point. */
    private static Instant run(Fleet fleet, Instant resumeAfter, SimClockTest.WallClock wall, boolean endsLive,
                               ThrowingRunnable whileRunning) throws Exception {
        FleetPublisher publisher = new FleetPublisher(fleet, s -> { }, resumeAfter);
        try (publisher) {
            Instant from = resumeAfter == null ? fleet.config().start() : resumeAfter;
            publisher.useClock(SimClock.catchingUp(from, fleet.config().speedUp(), wall::nanoTime, wall)).start();
            whileRunning.run();
            assertThat(publisher.isLive()).isEqualTo(endsLive);
            assertThat(publisher.stats().progressLine().contains("(real time)")).isEqualTo(endsLive);
        }
        return publisher.resumePoint();
    }

    private void awaitReadings(int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> subscriber.received.size() >= count);
        // Nothing beyond what is due arrives late: the count stays.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == count);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void startFailsWithTheBrokerAddressWhenNothingListens() throws Exception {
        String nowhere = "tcp://127.0.0.1:" + EmbeddedBroker.freePort();
        Fleet fleet = Fleet.create(CATALOG, config(2, Duration.ofHours(1), 3600).withServerUri(nowhere));
        FleetPublisher publisher = new FleetPublisher(fleet, s -> { });
        assertThatThrownBy(publisher::start).isInstanceOf(IllegalStateException.class).hasMessageContaining(nowhere);
        publisher.close();
    }

    /** A Paho v5 subscriber on {@code devices/+/telemetry}, using the client-wide callback (see environment.md). */
    static final class Subscriber implements MessageCallback {
        final Queue<String> received = new ConcurrentLinkedQueue<>();
        final Queue<String> topics = new ConcurrentLinkedQueue<>();
        final Queue<Integer> qos = new ConcurrentLinkedQueue<>();
        private final MqttAsyncClient client;

        Subscriber(String uri) throws MqttException {
            client = new MqttAsyncClient(uri, "test-subscriber-" + System.nanoTime(), new MemoryPersistence());
            client.setCallback(this);
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options).waitForCompletion(10_000);
            client.subscribe(new MqttSubscription[] {new MqttSubscription("devices/+/telemetry", 1)}).waitForCompletion(10_000);
        }

        List<TelemetryMessage> messages() {
            return received.stream().map(json -> Json.read(json, TelemetryMessage.class)).toList();
        }

        void close() throws MqttException {
            if (client.isConnected()) client.disconnect().waitForCompletion(5_000);
            client.close(true);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            topics.add(topic);
            qos.add(message.getQos());
            received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
        }

    }
}

package io.forewarn.simulator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.notices.DeviceNotice;
import io.forewarn.simulator.testing.EmbeddedBroker;
import io.forewarn.simulator.testing.TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ordering, rate cap and connection layouts of the publisher, against a real HiveMQ broker. */
class FleetScaleTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final Instant START = Instant.parse("2026-11-25T00:00:00Z");

    @TempDir static Path brokerDir;
    static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    private static FleetConfig config(int devices, Duration simSpan) {
        return FleetConfig.defaults().withStart(START).withDegradingDevices(0).withDevices(devices).withSimSpan(simSpan)
                .withSpeedUp(2_000_000).withServerUri(broker.uri());
    }

    @Test
    void aBacklogGoesOutInEventTimeOrderAcrossTheDevicesOfAConnection() throws Exception {
        // Six sim hours at once: every reading is due at the first tick, yet they leave earliest event time first.
        Fleet fleet = Fleet.create(CATALOG, config(30, Duration.ofHours(6)).withConnections(1));
        long expected = 30 * (6 * 3600 / 300 + 1);
        try (TestClient subscriber = new TestClient(broker.uri(), "devices/+/telemetry");
             FleetPublisher publisher = new FleetPublisher(fleet, s -> { }).start()) {
            assertThat(publisher.awaitFinished(Duration.ofSeconds(60))).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> subscriber.received.size() >= expected);
            List<TelemetryMessage> got = subscriber.telemetry();
            assertThat(got).hasSize((int) expected);
            assertThat(got).extracting(TelemetryMessage::eventTime).isSortedAccordingTo(Comparator.naturalOrder());
        }
    }

    @Test
    void theRateCapHoldsThePublishRateDownWhileSimTimeWouldAllowMore() throws Exception {
        // 500 readings due at once, at most 250 per second: at least (500 - a 12-message burst) / 250 ≈ 1.95 s.
        Fleet fleet = Fleet.create(CATALOG, config(20, Duration.ofHours(2)).withMaxRate(250));
        long started = System.nanoTime();
        try (FleetPublisher publisher = new FleetPublisher(fleet, s -> { }).start()) {
            assertThat(publisher.awaitFinished(Duration.ofSeconds(30))).isTrue();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(publisher.stats().messagesPublished()).isEqualTo(500);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
        }
    }

    @Test
    void aConnectionPerDeviceDeliversEveryReadingAndEachDevicesNotices() throws Exception {
        int devices = 30;
        Fleet fleet = Fleet.create(CATALOG, config(devices, Duration.ofHours(1)).withConnections(devices).withClientIdPrefix("per-device"));
        long expected = devices * (3600 / 300 + 1);
        try (TestClient subscriber = new TestClient(broker.uri(), "devices/+/telemetry");
             FleetPublisher publisher = new FleetPublisher(fleet, s -> { }).start()) {
            assertThat(publisher.awaitFinished(Duration.ofSeconds(60))).isTrue();
            assertThat(publisher.stats().messagesPublished()).isEqualTo(expected);
            await().atMost(Duration.ofSeconds(20)).until(() -> subscriber.received.size() >= expected);
            subscriber.publish(DeviceNotice.topicFor(fleet.devices().get(29).deviceId()), "{\"title\":\"t\",\"body\":\"b\",\"language\":\"zh\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.stats().noticesReceived() == 1);
        }
    }

    @Test
    void aLargeFleetSubscribesWithOneWildcardPerConnectionAndPublishesEveryDevicesFirstReading() throws Exception {
        // 20,000 devices at real time: the first reading of each is due at once, the next not for five minutes.
        Fleet fleet = Fleet.create(CATALOG, FleetConfig.defaults().withStart(START).withDegradingDevices(0).withDevices(20_000)
                .withSpeedUp(1).withServerUri(broker.uri()));
        assertThat(DeviceConnection.subscriptions(fleet.devices().subList(0, 5_000), true))
                .containsExactly("devices/+/notices", "devices/+/service");
        try (FleetPublisher publisher = new FleetPublisher(fleet, s -> { }).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> publisher.stats().messagesPublished() == 20_000);
            assertThat(publisher.stats().publishFailures()).isZero();
        }
    }
}

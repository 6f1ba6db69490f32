package io.forewarn.simulator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
import io.forewarn.contracts.service.MaintenanceType;
import io.forewarn.contracts.service.ServiceMessage;
import io.forewarn.simulator.notices.DeviceNotice;
import io.forewarn.simulator.testing.EmbeddedBroker;
import io.forewarn.simulator.testing.TestClient;
import io.forewarn.simulator.truth.GroundTruth;
import io.forewarn.simulator.truth.MaintenanceRecord;
import io.forewarn.simulator.truth.TruthRow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What reaches a simulated device from the service side: customer notices, and (when listening) service visits. */
class DeviceInboxTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final Instant START = Instant.parse("2026-11-25T00:00:00Z");
    static final String NOTICE = """
            {"title":"Your air conditioner needs a service","body":"We noticed ... Book a visit.","language":"en","noticeId":"n-1"}
            """;

    @TempDir static Path brokerDir;
    static EmbeddedBroker broker;

    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger noticeLog;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @BeforeEach
    void captureNoticeLog() {
        noticeLog = (Logger) LoggerFactory.getLogger("io.forewarn.simulator.notices");
        noticeLog.setLevel(Level.INFO);
        logged.start();
        noticeLog.addAppender(logged);
    }

    @AfterEach
    void releaseNoticeLog() {
        noticeLog.detachAppender(logged);
        noticeLog.setLevel(null);
    }

    private static FleetConfig config(int devices, int connections) {
        return FleetConfig.defaults().withStart(START).withDegradingDevices(0).withDevices(devices).withConnections(connections)
                .withSpeedUp(3600).withServerUri(broker.uri());
    }

    private List<String> messages() {
        return logged.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    @Test
    void aDeviceLogsAndCountsTheNoticeOnItsOwnTopic() throws Exception {
        // 20 devices per connection: each connection subscribes to its devices' own notice topics.
        Fleet fleet = Fleet.create(CATALOG, config(40, 2));
        String device = fleet.devices().get(7).deviceId();
        try (FleetPublisher publisher = new FleetPublisher(fleet, s -> { }).start(); TestClient service = new TestClient(broker.uri(), null)) {
            service.publish(DeviceNotice.topicFor(device), NOTICE);
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.stats().noticesReceived() == 1);
            assertThat(messages()).contains("INFO notice for " + device + ": Your air conditioner needs a service");
            assertThat(publisher.stats().progressLine()).contains("| notices 1");
        }
    }

    @Test
    void withAWildcardPerConnectionEachNoticeIsCountedOnceAndOthersDevicesNoticesAreIgnored() throws Exception {
        // 50 devices per connection: one wildcard subscription each, so every connection sees every notice.
        Fleet fleet = Fleet.create(CATALOG, config(100, 2));
        String device = fleet.devices().get(99).deviceId();
        try (FleetPublisher publisher = new FleetPublisher(fleet, s -> { }).start(); TestClient service = new TestClient(broker.uri(), null)) {
            service.publish(DeviceNotice.topicFor("not-in-this-fleet"), NOTICE);
            service.publish(DeviceNotice.topicFor(device), "{\"title\":\"no body\"}");
            service.publish(DeviceNotice.topicFor(device), NOTICE);
            await().atMost(Duration.ofSeconds(10)).until(() -> messages().stream().anyMatch(m -> m.startsWith("INFO notice for " + device)));
            assertThat(messages()).contains("WARN notice for " + device + " ignored: invalid notice: field 'body' is required");
            assertThat(messages()).filteredOn(m -> m.startsWith("INFO")).containsExactly("INFO notice for " + device + ": Your air conditioner needs a service");
            assertThat(publisher.stats().noticesReceived()).isEqualTo(1);
        }
    }

    @Test
    void aRepairEndsTheFaultFromTheNextReadingAndIsRecordedInTheGroundTruth() throws Exception {
        Fleet fleet = Fleet.create(CATALOG, config(4, 1).withDegradingDevices(1).withSpeedUp(36_000).withListenForService(true));
        GroundTruth planned = fleet.groundTruth().get(0);
        SimulatedDevice worn = fleet.device(planned.deviceId()).orElseThrow();
        try (TestClient telemetry = new TestClient(broker.uri(), TelemetryMessage.topicFor(worn.deviceId()));
             FleetPublisher publisher = new FleetPublisher(fleet, s -> { }).start();
             TestClient service = new TestClient(broker.uri(), null)) {
            assertThat(publisher.stats().faultsActive()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> telemetry.received.size() >= 5);
            // The technician's arrival changes nothing; the product is repaired when the visit is done.
            service.publish(ServiceMessage.topicFor(worn.deviceId()), "{\"type\":\"REPAIR\",\"phase\":\"STARTED\",\"ticketId\":\"T-41\"}");
            service.publish(ServiceMessage.topicFor(worn.deviceId()), "{\"type\":\"REPAIR\",\"ticketId\":\"T-42\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.stats().serviceEvents() == 1);
            MaintenanceRecord repair = (MaintenanceRecord) publisher.truthRecorded().get(0);
            assertThat(repair).isEqualTo(new MaintenanceRecord(worn.deviceId(), worn.model().id(), MaintenanceType.REPAIR, repair.at(),
                    planned.failureMode(), "T-42"));
            assertThat(publisher.stats().faultsActive()).isZero();
            // Readings before the repair carry the fault, readings from it on are the healthy device's.
            long firstRepaired = worn.lastSeqAt(repair.at());
            assertThat(worn.eventTimeOf(firstRepaired)).isEqualTo(repair.at());
            await().atMost(Duration.ofSeconds(10)).until(() -> telemetry.telemetry().size() >= firstRepaired + 3);
            for (TelemetryMessage m : telemetry.telemetry()) {
                SimulatedDevice expected = m.seq() < firstRepaired ? worn : worn.healthy();
                assertThat(m).as("seq %d", m.seq()).isEqualTo(expected.message(m.seq()));
            }
        }
    }

    @Test
    void aPreventiveServiceAtALaterTimeResetsTheDegradationThenAndReschedulesTheFailure() throws Exception {
        Fleet fleet = Fleet.create(CATALOG, config(4, 2).withDegradingDevices(1).withSpeedUp(36_000).withListenForService(true));
        GroundTruth planned = fleet.groundTruth().get(0);
        Instant at = START.plus(Duration.ofHours(20)).plusSeconds(10);  // between two readings
        try (FleetPublisher publisher = new FleetPublisher(fleet, s -> { }).start(); TestClient service = new TestClient(broker.uri(), null)) {
            service.publish(ServiceMessage.topicFor(planned.deviceId()),
                    "{\"type\":\"PREVENTIVE_SERVICE\",\"at\":\"" + at + "\",\"ticketId\":\"T-7\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.stats().serviceEvents() == 1);
            assertThat(publisher.simNow()).isAfterOrEqualTo(at);
            List<TruthRow> rows = publisher.truthRecorded();
            Duration span = Duration.between(planned.onsetAt(), planned.failureAt());
            assertThat(rows).containsExactly(
                    new MaintenanceRecord(planned.deviceId(), planned.productModel(), MaintenanceType.PREVENTIVE_SERVICE, at, planned.failureMode(), "T-7"),
                    new GroundTruth(planned.deviceId(), planned.productModel(), planned.failureMode(), planned.kind(), at, at.plus(span)));
            assertThat(publisher.stats().faultsActive()).as("the reset fault has started again").isEqualTo(1);
        }
    }

    @Test
    void withoutListeningServiceMessagesChangeNothing() throws Exception {
        Fleet fleet = Fleet.create(CATALOG, config(4, 1).withDegradingDevices(1));
        String device = fleet.groundTruth().get(0).deviceId();
        try (FleetPublisher publisher = new FleetPublisher(fleet, s -> { }).start(); TestClient service = new TestClient(broker.uri(), null)) {
            service.publish(ServiceMessage.topicFor(device), "{\"type\":\"REPAIR\"}");
            // A notice published after it is the marker: once it has arrived, the service message would have too.
            service.publish(DeviceNotice.topicFor(device), NOTICE);
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.stats().noticesReceived() == 1);
            assertThat(publisher.stats().serviceEvents()).isZero();
            assertThat(publisher.stats().faultsActive()).isEqualTo(1);
        }
    }
}
